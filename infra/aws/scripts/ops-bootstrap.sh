#!/usr/bin/env bash
# First-boot script of the ops server (cloud-init runs it as user data, as root, once).
# Hardening after ANSSI's "Recommandations de configuration d'un système GNU/Linux" (BP-028):
# minimal services, automatic security updates, kernel hardening, audit trail, default-deny
# firewall, no remote shell (access is SSM Session Manager), plus node_exporter for supervision.
#
# OPS_BOOTSTRAP_TARGET=ec2 (default) does everything. OPS_BOOTSTRAP_TARGET=container writes and
# checks the same configuration but skips what needs a real machine and AWS: loading sysctls and
# firewall rules into the kernel, starting services, the SSM agent and kubectl downloads. The
# test in ops-bootstrap.test.ts runs it that way in a Debian 12 container.
set -euo pipefail

TARGET=${OPS_BOOTSTRAP_TARGET:-ec2}
VPC_CIDR=${VPC_CIDR:-10.0.0.0/16}
AWS_REGION=${AWS_REGION:-}
CLUSTER_NAME=${CLUSTER_NAME:-}
KUBERNETES_MINOR=${KUBERNETES_MINOR:-1.32}
STATE_DIR=/var/lib/ops-bootstrap

case "$TARGET" in
  ec2 | container) ;;
  *) echo "OPS_BOOTSTRAP_TARGET must be ec2 or container, not '$TARGET'" >&2; exit 64 ;;
esac
if [ "$TARGET" = ec2 ] && { [ -z "$AWS_REGION" ] || [ -z "$CLUSTER_NAME" ]; }; then
  echo "AWS_REGION and CLUSTER_NAME are required on EC2 (infra/aws writes them)" >&2
  exit 64
fi

mkdir -p "$STATE_DIR"
exec > >(tee -a /var/log/ops-bootstrap.log) 2>&1
log() { printf '%s ops-bootstrap: %s\n' "$(date -u +%FT%TZ)" "$*"; }
on_ec2() { [ "$TARGET" = ec2 ]; }

export DEBIAN_FRONTEND=noninteractive
log "packages (target: $TARGET)"
apt-get update -q
apt-get install -y -q --no-install-recommends \
  ca-certificates curl gnupg jq unzip \
  unattended-upgrades apt-listchanges \
  auditd audispd-plugins \
  nftables \
  prometheus-node-exporter \
  chrony \
  procps \
  postgresql-client \
  awscli
# No remote shell at all: Session Manager is the way in (ANSSI R: minimise exposed services).
apt-get purge -y -q openssh-server || true

log "automatic security updates"
cat > /etc/apt/apt.conf.d/20auto-upgrades <<'CONF'
APT::Periodic::Update-Package-Lists "1";
APT::Periodic::Unattended-Upgrade "1";
APT::Periodic::AutocleanInterval "7";
CONF
cat > /etc/apt/apt.conf.d/52unattended-upgrades-ops <<'CONF'
Unattended-Upgrade::Origins-Pattern {
  "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";
  "origin=Debian,codename=${distro_codename},label=Debian";
};
// A kernel update only protects after a reboot: take it at night.
Unattended-Upgrade::Automatic-Reboot "true";
Unattended-Upgrade::Automatic-Reboot-Time "03:30";
Unattended-Upgrade::Remove-Unused-Dependencies "true";
CONF

log "kernel hardening (sysctl)"
install -d -m 0755 /etc/sysctl.d
cat > /etc/sysctl.d/90-ops-hardening.conf <<'CONF'
# Kernel: hide addresses and logs from users, restrict ptrace and unprivileged BPF.
kernel.dmesg_restrict = 1
kernel.kptr_restrict = 2
kernel.yama.ptrace_scope = 1
kernel.unprivileged_bpf_disabled = 1
net.core.bpf_jit_harden = 2
kernel.randomize_va_space = 2
kernel.sysrq = 0
fs.suid_dumpable = 0
fs.protected_symlinks = 1
fs.protected_hardlinks = 1
fs.protected_fifos = 2
fs.protected_regular = 2
# Network: not a router; ignore redirects and source routing; log martians; SYN cookies.
net.ipv4.ip_forward = 0
net.ipv4.conf.all.rp_filter = 1
net.ipv4.conf.default.rp_filter = 1
net.ipv4.conf.all.accept_redirects = 0
net.ipv4.conf.default.accept_redirects = 0
net.ipv4.conf.all.secure_redirects = 0
net.ipv4.conf.all.send_redirects = 0
net.ipv4.conf.default.send_redirects = 0
net.ipv4.conf.all.accept_source_route = 0
net.ipv4.conf.all.log_martians = 1
net.ipv4.icmp_echo_ignore_broadcasts = 1
net.ipv4.icmp_ignore_bogus_error_responses = 1
net.ipv4.tcp_syncookies = 1
net.ipv6.conf.all.accept_redirects = 0
net.ipv6.conf.all.accept_source_route = 0
net.ipv6.conf.all.accept_ra = 0
CONF
if on_ec2; then sysctl --system >/dev/null; fi

log "no core dumps, restrictive umask, root password locked"
cat > /etc/security/limits.d/10-no-core-dumps.conf <<'CONF'
* hard core 0
CONF
sed -i 's/^UMASK.*/UMASK 027/' /etc/login.defs
passwd -l root >/dev/null

log "audit trail"
cat > /etc/audit/rules.d/50-ops.rules <<'CONF'
# Identity and privilege changes, logins, and every command run as root.
-w /etc/passwd -p wa -k identity
-w /etc/group -p wa -k identity
-w /etc/shadow -p wa -k identity
-w /etc/sudoers -p wa -k privilege
-w /etc/sudoers.d/ -p wa -k privilege
-w /var/log/lastlog -p wa -k logins
-w /etc/nftables.conf -p wa -k firewall
-w /etc/sysctl.d/ -p wa -k kernel
-a always,exit -F arch=b64 -S execve -F euid=0 -k root-commands
-a always,exit -F arch=b64 -S init_module,finit_module,delete_module -k modules
CONF

log "firewall: inbound default deny"
cat > /etc/nftables.conf <<CONF
#!/usr/sbin/nft -f
# Inbound: nothing but replies, loopback, ICMP, and node_exporter from inside the VPC.
flush ruleset
table inet filter {
  chain input {
    type filter hook input priority 0; policy drop;
    iif lo accept
    ct state established,related accept
    ct state invalid drop
    meta l4proto { icmp, ipv6-icmp } accept
    ip saddr $VPC_CIDR tcp dport 9100 accept
  }
  chain forward {
    type filter hook forward priority 0; policy drop;
  }
  chain output {
    type filter hook output priority 0; policy accept;
  }
}
CONF
# Syntax and semantics checked before anything loads them.
nft -c -f /etc/nftables.conf

log "node_exporter for supervision"
cat > /etc/default/prometheus-node-exporter <<'CONF'
ARGS="--web.listen-address=:9100 --collector.systemd --collector.processes"
CONF

if on_ec2; then
  log "load and start: firewall, audit, metrics, time"
  nft -f /etc/nftables.conf
  augenrules --load
  systemctl enable --now nftables auditd prometheus-node-exporter chrony unattended-upgrades

  log "SSM agent (Debian's AMIs do not ship it), from the region's own bucket"
  arch=$(dpkg --print-architecture)
  curl -fsSL -o /tmp/amazon-ssm-agent.deb \
    "https://s3.${AWS_REGION}.amazonaws.com/amazon-ssm-${AWS_REGION}/latest/debian_${arch}/amazon-ssm-agent.deb"
  dpkg -i /tmp/amazon-ssm-agent.deb
  systemctl enable --now amazon-ssm-agent

  log "kubectl $KUBERNETES_MINOR from the signed Kubernetes repository"
  install -d -m 0755 /etc/apt/keyrings
  curl -fsSL "https://pkgs.k8s.io/core:/stable:/v${KUBERNETES_MINOR}/deb/Release.key" |
    gpg --dearmor --yes -o /etc/apt/keyrings/kubernetes.gpg
  echo "deb [signed-by=/etc/apt/keyrings/kubernetes.gpg] https://pkgs.k8s.io/core:/stable:/v${KUBERNETES_MINOR}/deb/ /" \
    > /etc/apt/sources.list.d/kubernetes.list
  apt-get update -q && apt-get install -y -q kubectl
  # Every Session Manager shell gets a kubeconfig for this environment's cluster.
  cat > /etc/profile.d/ops-kubeconfig.sh <<CONF
[ -f "\$HOME/.kube/config" ] || aws eks update-kubeconfig --region $AWS_REGION --name $CLUSTER_NAME >/dev/null
CONF
fi

date -u +%FT%TZ > "$STATE_DIR/done"
log "done"

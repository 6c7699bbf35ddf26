#!/usr/bin/env bash
# First boot of an ops server (cloud-init runs it as user data, as root, once). It installs only
# what the Ansible role needs to start; the role itself (infra/aws/ansible) comes through SSM, from
# the State Manager association that every instance tagged for it gets (ADR 0011). Order matters:
# Ansible is installed before the SSM agent, which runs the association as soon as it registers.
set -euo pipefail

: "${AWS_REGION:?AWS_REGION is required (infra/aws writes it)}"
export DEBIAN_FRONTEND=noninteractive
# unattended-upgrades may hold the dpkg lock at first boot: wait for it instead of failing.
apt_get() { apt-get -o DPkg::Lock::Timeout=600 -y -q "$@"; }

apt_get update
# ansible-core runs the role; unzip opens the playbook archive; python3-apt is what Ansible's apt
# module needs (installed here, under the lock timeout, rather than by the module at run time).
apt_get install --no-install-recommends ansible-core unzip python3-apt ca-certificates curl

# Debian's AMIs do not ship the SSM agent: AWS publishes it in each region's own bucket.
arch=$(dpkg --print-architecture)
curl -fsSL -o /tmp/amazon-ssm-agent.deb \
  "https://s3.${AWS_REGION}.amazonaws.com/amazon-ssm-${AWS_REGION}/latest/debian_${arch}/amazon-ssm-agent.deb"
dpkg -i /tmp/amazon-ssm-agent.deb
systemctl enable --now amazon-ssm-agent

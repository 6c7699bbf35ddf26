#!/usr/bin/env bash
# Deploys an image digest to one environment by updating its cluster stack, the one path every
# workflow takes (deploy.yml with a new or previous digest, infra.yml with none):
#   deploy-image.sh <organization>/<stack> [sha256:<digest>]
# Without a digest, the one running now is kept: the stack's setting lives only in the runner's
# checkout, so each run restores it from the stack's own `image` output before `pulumi up`.
# Whichever digest it is, `cosign verify` checks its keyless signature first, in the repository
# image.yml signs in (SIGNED_REPOSITORY), against the identity the workflow gives
# (CERTIFICATE_IDENTITY: the signing workflow on main; CERTIFICATE_OIDC_ISSUER): an image that
# main's image.yml did not sign never reaches the stack. A digest names content, so the copy the
# nodes pull from the environment's ECR is the image whose signature was verified.
set -euo pipefail

usage="usage: deploy-image.sh <organization>/<stack> [sha256:<64 hex digits>]"
stack=${1:?$usage}
digest=${2:-}
[[ $stack =~ ^[A-Za-z0-9_.-]+/(dev|staging|prod)$ ]] || { echo "not a cluster stack: '$stack'" >&2; echo "$usage" >&2; exit 64; }
cd "$(dirname "$0")/.."

if [ -z "$digest" ]; then
  current=$(pulumi stack output image --stack "$stack" 2>/dev/null || true)
  if [[ $current == *@sha256:* ]]; then digest=${current##*@}; fi
fi

if [ -n "$digest" ]; then
  [[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "not an image digest: '$digest'" >&2; echo "$usage" >&2; exit 64; }
  : "${SIGNED_REPOSITORY:?the repository image.yml pushes and signs in (the workflow sets it)}"
  : "${CERTIFICATE_IDENTITY:?the signing identity to verify against (the workflow sets it)}"
  : "${CERTIFICATE_OIDC_ISSUER:?the OIDC issuer of the signing identity (the workflow sets it)}"
  repository=${SIGNED_REPOSITORY,,} # GHCR names are lowercase
  cosign verify --certificate-identity "$CERTIFICATE_IDENTITY" \
    --certificate-oidc-issuer "$CERTIFICATE_OIDC_ISSUER" "$repository@$digest" >/dev/null ||
    { echo "deploy-image: $repository@$digest is not signed by $CERTIFICATE_IDENTITY; nothing deployed" >&2; exit 65; }
  echo "deploy-image: signature of $repository@$digest verified"
  pulumi config set --stack "$stack" shortlinks-cluster:imageDigest "$digest"
  echo "deploy-image: $digest to $stack"
else
  echo "deploy-image: no image deployed on $stack yet; add-ons only"
fi
pulumi up --yes --stack "$stack" --policy-pack ../policies

// The policy pack's entry file (PulumiPolicy.yaml): `pulumi preview --policy-pack infra/policies`.
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, policies } from "./policies.js";

new PolicyPack(POLICY_PACK_NAME, { policies });

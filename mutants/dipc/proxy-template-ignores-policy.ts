// The proxy template cache is keyed by the signature alone (§6.1.1 specialises templates by
// signature *and* policy): a second request with the same signature but another effective
// policy instantiates the cached template, so its proxy enforces the first request's policy.
import type { Signature } from '../../alphabet/policy';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { templateKeyOf } from '../../impl/dipc/proxy-templates';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class ProxyTemplateIgnoresPolicy extends DipcImplMachine {
  protected override templateKey(sig: Signature, _policy: number): number {
    return templateKeyOf(sig, 0);
  }
}

export const mutant: DipcMutant = {
  id: 'proxy-template-ignores-policy',
  description: 'the proxy template cache is keyed by signature only, so proxies reuse another policy',
  targets: ['REF.dipc'],
  factory: dipcMachineFactoryFor('proxy-template-ignores-policy', ProxyTemplateIgnoresPolicy),
};

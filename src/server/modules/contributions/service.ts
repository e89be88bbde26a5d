// The module's services, one file per responsibility; routes, the demo and the bench call them from here.
//   rules.service.ts        a year's rule drafted, edited, adopted with its deliberation, revised
//   computation.service.ts  a rule simulated on today's counts, computed from frozen counts, read back
//   calls.service.ts        the calls for funds: the syndicate's and each member's own
//   rule-view.ts            a rule found (else 404) and answered as the contract's `Rule`
export { readCallForFunds, readMemberCall, readMemberCalls } from './calls.service.ts'
export {
  compute,
  computeAdoptedRule,
  freezeAndCompute,
  readComputation,
  simulate,
} from './computation.service.ts'
export { adoptRule, createRule, deleteDraft, editDraft, listRules, reviseRule } from './rules.service.ts'

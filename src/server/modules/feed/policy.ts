import { definePolicies } from '../../plugins/policy/define.ts'

export const feedPolicies = definePolicies('feed', {
  /** Everyone signed in has a feed: what was delivered to them, and nothing else (the queries say whose). */
  view: () => true,
  /** Any recipient may report an item delivered to them (the service checks it was). */
  report: () => true,
})

import type { TFunction } from 'i18next'

const B = 'backOffice.audit' as const

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function amount(cents: unknown): string {
  return typeof cents === 'number'
    ? (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' })
    : ''
}

/** The sentences of the members' and contributions' actions in the trail. */
export function backOfficeSentence(t: TFunction, action: string, d: Record<string, unknown>): string {
  switch (action) {
    case 'members.recordAdhesion':
      return t(`${B}.recordAdhesion`, { date: text(d.adheredOn), deliberation: text(d.deliberation) })
    case 'members.recordWithdrawal':
      return t(`${B}.recordWithdrawal`, { date: text(d.withdrawnOn), deliberation: text(d.deliberation) })
    case 'members.addContact':
      return t(`${B}.addContact`, { name: text(d.name) })
    case 'members.removeContact':
      return t(`${B}.removeContact`)
    case 'read:member-contacts':
      return t(`${B}.readContacts`)
    case 'members.setDeploymentStatus':
      return t(`${B}.setDeploymentStatus`, {
        status: t(`backOffice.status.${(text(d.status) || 'requested') as 'requested'}`),
        date: text(d.effectiveOn),
      })
    case 'members.assignAcademic':
      return t(`${B}.assignAcademic`, { circonscription: text(d.circonscription) })
    case 'members.unassignAcademic':
      return t(`${B}.unassignAcademic`, { circonscription: text(d.circonscription) })
    case 'contributions.createRule':
      return t(`${B}.createRule`, { year: d.year })
    case 'contributions.editRule':
      return t(`${B}.editRule`, { year: d.year })
    case 'contributions.deleteRule':
      return t(`${B}.deleteRule`, { year: d.year })
    case 'contributions.adoptRule':
      return t(`${B}.adoptRule`, { year: d.year, deliberation: text(d.deliberation) })
    case 'contributions.reviseRule':
      return t(`${B}.reviseRule`, {
        year: d.year,
        version: d.version,
        deliberation: text(d.deliberation),
        reason: text(d.reason),
      })
    case 'contributions.compute':
      return t(`${B}.compute`, { year: d.year, total: amount(d.totalCents), members: d.members })
    default:
      return t(`${B}.exportCalls`, { year: d.year, format: text(d.format).toUpperCase() })
  }
}

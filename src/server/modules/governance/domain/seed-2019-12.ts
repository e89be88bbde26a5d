import type { AttendanceLine } from './attendance.ts'

/**
 * The attendance table of deliberation 2019-12 (comité syndical of 26 June 2019) as printed: used by the
 * unit tests and the demo deployment. Ids are the members' family names.
 */
export const SEED_2019_12_ATTENDANCE: Array<
  AttendanceLine & { collectivity: string; civility: 'M.' | 'Mme' }
> = [
  ['Conseil régional des Hauts de France', 'M.', 'Charles BAREGE', 'present', null],
  ['Conseil régional des Hauts de France', 'M.', 'Nicolas BERTIN', 'excused', 'Gérard PHILIPPE'],
  ['Conseil régional des Hauts de France', 'M.', 'Salvatore CASTIGLIONE', 'excused', 'Anthony JOUVENEL'],
  ['Conseil régional des Hauts de France', 'M.', 'Christophe COULON', 'present', null],
  ['Conseil régional des Hauts de France', 'Mme', 'Annie DEFOSSE', 'present', null],
  ['Conseil régional des Hauts de France', 'M.', 'Guillaume DELBAR', 'excused', 'Christophe COULON'],
  ['Conseil régional des Hauts de France', 'Mme', 'Christine ENGRAND', 'excused', null],
  ['Conseil régional des Hauts de France', 'M.', 'André FIGOUREUX', 'present', null],
  ['Conseil régional des Hauts de France', 'M.', 'Anthony JOUVENEL', 'present', null],
  ['Conseil régional des Hauts de France', 'M.', 'Gérard PHILIPPE', 'present', null],
  ['Département du Nord', 'Mme', 'Martine FILLEUL', 'present', null],
  ['Département du Nord', 'M.', 'Jean-Marc GOSSET', 'excused', null],
  ['Département du Nord', 'M.', 'Mickaël HIRAUX', 'excused', null],
  ['Département du Nord', 'M.', 'Luc MONNET', 'present', null],
  ['Département du Nord', 'Mme', 'Anne VANPEENE', 'present', null],
  ['Département du Pas-de-Calais', 'M.', 'Alain DELANNOY', 'excused', null],
  ['Département du Pas-de-Calais', 'M.', 'Jean-Claude DISSAUX', 'excused', null],
  ['Département du Pas-de-Calais', 'Mme', 'Bénédicte MESSEANNE-GROBELNY', 'present', null],
  ['Département du Pas-de-Calais', 'Mme', 'Maïté MULOT-FRISCOURT', 'excused', null],
  // Printed « Mme Bénédicte MESSEANNE »: the same member, named without her second family name.
  ['Département du Pas-de-Calais', 'M.', 'Claude PRUDHOMME', 'excused', 'Bénédicte MESSEANNE-GROBELNY'],
].map(([collectivity, civility, name, status, holder]) => ({
  collectivity: collectivity as string,
  civility: civility as 'M.' | 'Mme',
  delegateId: name as string,
  name: name as string,
  status: status as AttendanceLine['status'],
  proxyHolderId: (holder as string | null) ?? null,
}))

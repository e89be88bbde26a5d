import { randomInt, randomUUID } from 'node:crypto'
import { luhnCheckDigit, uaiCheckLetter } from '../../../contract/codes.ts'
import type { AuthzCase } from '../../testing/authz-matrix.ts'

const NOBODY = '00000000-0000-4000-8000-000000000000'
const siren = () => {
  const eight = String(randomInt(10_000_000, 99_999_999))
  return eight + luhnCheckDigit(eight)
}
const uai = () => {
  const seven = `09${String(randomInt(10_000, 99_999))}`
  return seven + uaiCheckLetter(seven)
}
const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`

const syndicateOnly = { default: 403, syndicateAdmin: 200 }
/** Routes on a school that only the administrators above it may use. */
const aboveSchool = (ok: number) => ({
  default: { own: 403, other: 404 },
  collectivityAdmin: { own: ok, other: 404 },
  syndicateAdmin: { own: ok, other: ok },
})
/** Routes on a school's classes: its director and the administrators above it. */
const schoolManagers = (ok: number) => ({ ...aboveSchool(ok), director: { own: ok, other: 404 } })

export const structuresAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/admin/collectivities',
    anonymous: 401,
    personas: { default: 403, collectivityAdmin: 200, syndicateAdmin: 200 },
  },
  {
    route: 'POST /api/admin/collectivities',
    request: () => ({
      body: { kind: 'commune', name: unique('Commune'), siren: siren(), inseeCode: '59999' },
    }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 201 },
  },
  {
    route: 'PATCH /api/admin/collectivities/:collectivityId',
    request: () => ({ body: { population: 5000 } }),
    anonymous: 401,
    // Only administrators reach a collectivity: anyone else, and the administrator of another one, gets 404.
    personas: { default: 404, collectivityAdmin: { own: 403, other: 404 }, syndicateAdmin: 204 },
  },
  { route: 'GET /api/admin/administrators', anonymous: 401, personas: syndicateOnly },
  {
    route: 'POST /api/admin/administrators',
    request: () => ({ body: { login: 'personne.inconnue', role: 'syndicate_admin' } }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 400 },
  },
  {
    route: 'DELETE /api/admin/administrators/:userId',
    request: () => ({ url: `/api/admin/administrators/${NOBODY}?role=collectivity_admin` }),
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 404 },
  },
  { route: 'GET /api/admin/school-years', anonymous: 401, personas: syndicateOnly },
  {
    route: 'POST /api/admin/school-years',
    request: () => {
      const start = randomInt(2100, 2999)
      return { body: { label: `${start}-${start + 1}` } }
    },
    anonymous: 401,
    personas: { default: 403, syndicateAdmin: 201 },
  },
  {
    route: 'GET /api/admin/schools',
    anonymous: 401,
    personas: { default: 403, collectivityAdmin: 200, syndicateAdmin: 200 },
  },
  {
    route: 'POST /api/admin/schools',
    request: (world) => ({
      body: {
        collectivityId: world.own.collectivityId,
        uai: uai(),
        name: unique('École'),
        kind: 'primaire',
        inseeCode: world.own.inseeCode,
      },
    }),
    anonymous: 401,
    personas: { default: 403, collectivityAdmin: 201, syndicateAdmin: 201 },
  },
  {
    route: 'PATCH /api/schools/:schoolId',
    request: () => ({ body: { circonscription: 'Circonscription test' } }),
    anonymous: 401,
    personas: aboveSchool(204),
  },
  {
    route: 'POST /api/schools/:schoolId/directors',
    request: (_world, school) => ({ body: { userId: school.directorId } }),
    anonymous: 401,
    personas: aboveSchool(204),
  },
  {
    route: 'DELETE /api/schools/:schoolId/directors/:userId',
    request: (_world, school) => ({ url: `/api/schools/${school.id}/directors/${NOBODY}` }),
    anonymous: 401,
    personas: aboveSchool(404),
  },
  {
    route: 'GET /api/schools/:schoolId/classes',
    anonymous: 401,
    personas: { default: { own: 200, other: 404 }, syndicateAdmin: { own: 200, other: 200 } },
  },
  {
    route: 'POST /api/schools/:schoolId/classes',
    request: () => ({ body: { name: unique('Classe'), levels: ['CP'] } }),
    anonymous: 401,
    personas: schoolManagers(201),
  },
  {
    route: 'PATCH /api/schools/:schoolId/classes/:classId',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/classes/${school.classId}`,
      body: { levels: ['CE1'] },
    }),
    anonymous: 401,
    personas: schoolManagers(204),
  },
  {
    route: 'DELETE /api/schools/:schoolId/classes/:classId',
    request: (_world, school) => ({ url: `/api/schools/${school.id}/classes/${NOBODY}` }),
    anonymous: 401,
    personas: schoolManagers(404),
  },
  {
    route: 'POST /api/schools/:schoolId/classes/:classId/teachers',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/classes/${school.classId}/teachers`,
      body: { userId: school.teacherId },
    }),
    anonymous: 401,
    personas: schoolManagers(204),
  },
  {
    route: 'DELETE /api/schools/:schoolId/classes/:classId/teachers/:userId',
    request: (_world, school) => ({
      url: `/api/schools/${school.id}/classes/${school.classId}/teachers/${NOBODY}`,
    }),
    anonymous: 401,
    personas: schoolManagers(404),
  },
  {
    route: 'GET /api/schools/:schoolId/groups',
    anonymous: 401,
    personas: {
      ...schoolManagers(200),
      teacher: { own: 200, other: 404 },
      staff: { own: 200, other: 404 },
    },
  },
  {
    route: 'POST /api/schools/:schoolId/groups',
    request: () => ({ body: { name: unique('Groupe') } }),
    anonymous: 401,
    personas: {
      default: { own: 403, other: 404 },
      director: { own: 201, other: 404 },
      syndicateAdmin: { own: 201, other: 201 },
    },
  },
  ...(['PATCH', 'DELETE'] as const).map((method) => ({
    route: `${method} /api/schools/:schoolId/groups/:groupId`,
    request: (_world: unknown, school: { id: string }) => ({
      url: `/api/schools/${school.id}/groups/${NOBODY}`,
      body: method === 'PATCH' ? { name: 'x' } : undefined,
    }),
    anonymous: 401,
    personas: {
      default: { own: 403, other: 404 },
      director: { own: 404, other: 404 },
      syndicateAdmin: { own: 404, other: 404 },
    },
  })),
  ...(['members', 'members/remove'] as const).map((path) => ({
    route: `POST /api/schools/:schoolId/groups/:groupId/${path}`,
    request: (_world: unknown, school: { id: string }) => ({
      url: `/api/schools/${school.id}/groups/${NOBODY}/${path}`,
      body: { userIds: [NOBODY] },
    }),
    anonymous: 401,
    personas: {
      default: { own: 403, other: 404 },
      director: { own: 404, other: 404 },
      syndicateAdmin: { own: 404, other: 404 },
    },
  })),
]

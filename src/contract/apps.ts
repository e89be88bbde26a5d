import type { Profile } from './structures.ts'

/**
 * The applications of the ENT and who sees them in the portal. `ready` turns true when the module
 * behind an app ships; until then the portal lists it as coming, so each profile sees its future tools.
 */
export type AppAudience = Profile | 'director' | 'syndicate_admin' | 'collectivity_admin'

export type AppDefinition = {
  id: string
  /** Path of the app in the web client. */
  path: string
  audience: readonly AppAudience[]
  ready: boolean
}

const EVERY_SCHOOL_PROFILE = [
  'pupil',
  'parent',
  'teacher',
  'staff',
  'collectivity_agent',
  'academic',
  'guest',
] as const
const ADULTS_OF_SCHOOL = ['parent', 'teacher', 'staff', 'director'] as const

const APPS: readonly AppDefinition[] = [
  { id: 'schools', path: '/ecoles', audience: [...EVERY_SCHOOL_PROFILE, 'director'], ready: true },
  {
    id: 'messaging',
    path: '/messagerie',
    audience: ['pupil', ...ADULTS_OF_SCHOOL, 'collectivity_agent'],
    ready: true,
  },
  { id: 'notebook', path: '/carnet', audience: ['pupil', ...ADULTS_OF_SCHOOL], ready: false },
  {
    id: 'homework',
    path: '/cahier-de-textes',
    audience: ['pupil', 'parent', 'teacher', 'director'],
    ready: false,
  },
  { id: 'calendar', path: '/agenda', audience: [...EVERY_SCHOOL_PROFILE, 'director'], ready: false },
  { id: 'blog', path: '/blogs', audience: ['pupil', ...ADULTS_OF_SCHOOL], ready: false },
  { id: 'news', path: '/actualites', audience: [...EVERY_SCHOOL_PROFILE, 'director'], ready: false },
  { id: 'photos', path: '/photos', audience: ['pupil', ...ADULTS_OF_SCHOOL], ready: false },
  {
    id: 'workspace',
    path: '/documents',
    audience: ['pupil', ...ADULTS_OF_SCHOOL, 'collectivity_agent'],
    ready: false,
  },
  { id: 'directory', path: '/annuaire', audience: [...EVERY_SCHOOL_PROFILE, 'director'], ready: true },
  { id: 'resources', path: '/ressources', audience: ['pupil', 'teacher', 'director'], ready: false },
  { id: 'school-admin', path: '/administration', audience: ['director'], ready: true },
  {
    id: 'statistics',
    path: '/statistiques',
    audience: ['director', 'academic', 'syndicate_admin', 'collectivity_admin'],
    ready: true,
  },
  {
    id: 'members',
    path: '/syndicat/membres',
    audience: ['syndicate_admin', 'collectivity_admin'],
    ready: true,
  },
  { id: 'contributions', path: '/syndicat/finances', audience: ['syndicate_admin'], ready: true },
  { id: 'circonscription', path: '/academie', audience: ['academic'], ready: true },
  { id: 'governance', path: '/syndicat/comite', audience: ['syndicate_admin'], ready: true },
  {
    id: 'my-data',
    path: '/mes-donnees',
    audience: [...EVERY_SCHOOL_PROFILE, 'director', 'syndicate_admin', 'collectivity_admin'],
    ready: true,
  },
]

/** The apps whose audience meets any of `audiences`, in catalogue order. */
export function appsFor(audiences: ReadonlySet<AppAudience>): AppDefinition[] {
  return APPS.filter((app) => app.audience.some((audience) => audiences.has(audience)))
}

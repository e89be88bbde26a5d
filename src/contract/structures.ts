import { z } from 'zod'

/** Vocabulary of structures and profiles, shared by the server, the web app and the CLI. */

export const PROFILES = [
  'pupil',
  'parent',
  'teacher',
  'staff',
  'collectivity_agent',
  'academic',
  'guest',
] as const
export const Profile = z.enum(PROFILES)
export type Profile = z.infer<typeof Profile>

const SCHOOL_FUNCTIONS = ['director'] as const
export const SchoolFunction = z.enum(SCHOOL_FUNCTIONS)
export type SchoolFunction = z.infer<typeof SchoolFunction>

export const SCHOOL_KINDS = ['maternelle', 'elementaire', 'primaire'] as const
export const SchoolKind = z.enum(SCHOOL_KINDS)
export type SchoolKind = z.infer<typeof SchoolKind>

export const CLASS_LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', 'ULIS'] as const
export const ClassLevel = z.enum(CLASS_LEVELS)
export type ClassLevel = z.infer<typeof ClassLevel>

const DEPLOYMENT_ROLES = ['syndicate_admin', 'collectivity_admin'] as const
export const DeploymentRole = z.enum(DEPLOYMENT_ROLES)
export type DeploymentRole = z.infer<typeof DeploymentRole>

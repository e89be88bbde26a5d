import { z } from 'zod'

/**
 * The id of a resource in a URL: a UUID. Anything else names nothing, so the API answers it as an id that
 * exists nowhere: 404 with `notFound` as its detail (one mapping, in the server's errors plugin).
 */
export const resourceId = (notFound: string) => z.uuid({ error: notFound })

/** A school in a URL (the policy plugin answers a school the actor does not reach before validation). */
export const SchoolId = resourceId('École introuvable.')

import { z } from 'zod'

/** RFC 9457 problem details, as every API error is answered (`application/problem+json`). */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine code, e.g. `not-found`, `validation`, `csrf`'),
    detail: z.string().describe('A French sentence the web app shows as is'),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose()
export type Problem = z.infer<typeof Problem>

import { z } from 'zod'

/**
 * How many a list holds in all, counted up to a cap so that counting never costs more than a bounded
 * walk of an index: `atLeast` says the list holds more than `count` (« plus de 1 000 »). Given with the
 * first page only (`null` on the next ones: the client keeps the first page's).
 */
export const ListTotal = z
  .object({
    count: z.number().int().min(0),
    atLeast: z.boolean().describe('Vrai : le compte s’est arrêté là, la liste en contient davantage'),
  })
  .nullable()
export type ListTotal = z.infer<typeof ListTotal>

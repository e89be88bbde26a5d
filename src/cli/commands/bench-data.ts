import type { Config } from '../../server/config.ts'
import { CliError } from '../exit-codes.ts'

export async function benchData(_config: Config, _options: { pupils: number; seed: number }): Promise<void> {
  throw new CliError('not yet')
}

/** Hocuspocus 3 as a peer for the benchmark: in memory, or with its SQLite extension. */

import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'

const port = Number(process.argv[2])
const database = process.argv[3]
const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  extensions: database ? [new SQLite({ database })] : [],
})
await server.listen()
console.log(`ready ${port}`)

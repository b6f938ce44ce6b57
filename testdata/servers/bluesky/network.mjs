// Starts a local AT Protocol network for cmdeck's end-to-end tests:
// PLC directory (in memory), PDS, AppView (+ bsync and ozone, which the
// dev-env network needs), every server on 127.0.0.1 only; then creates two
// accounts and writes their credentials as shell `export` lines to the file
// named by CMDECK_BSKY_ENVFILE. It runs until it gets SIGTERM or SIGINT.
//
// Env: DB_POSTGRES_URL (a local PostgreSQL for the AppView), CMDECK_BSKY_ENVFILE.
import net from 'node:net'
import fs from 'node:fs'

// The dev-env servers call listen(port) with no host, which binds every
// interface: pin any such listen to loopback before they are loaded.
const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) {
    args.splice(1, 0, '127.0.0.1')
  } else if (args[0] && typeof args[0] === 'object' && !args[0].path && !args[0].host) {
    args[0] = { ...args[0], host: '127.0.0.1' }
  }
  return listen.apply(this, args)
}

// The AppView asserts a Redis host is configured but this setup never
// uses it.
process.env.REDIS_HOST ||= '127.0.0.1:1'

const { TestNetwork } = await import('@atproto/dev-env')

const network = await TestNetwork.create({
  dbPostgresUrl: process.env.DB_POSTGRES_URL,
  dbPostgresSchema: 'cmdeck',
  pds: { hostname: 'localhost' },
})

// account creates an account and an app password for it: cmdeck logs in
// with app passwords, as users are told to.
async function account(handle) {
  const agent = network.pds.getAgent()
  await agent.createAccount({ handle, email: `${handle}@example.com`, password: `${handle}-main-pass` })
  const res = await agent.com.atproto.server.createAppPassword({ name: 'cmdeck' })
  await agent.upsertProfile(() => ({ displayName: handle.split('.')[0] }))
  return res.data.password
}

const alice = await account('alice.test')
const bob = await account('bob.test')
await network.processAll()

const env = {
  CMDECK_BSKY_PDS: `http://127.0.0.1:${network.pds.port}`,
  CMDECK_BSKY_APPVIEW: `http://127.0.0.1:${network.bsky.port}`,
  CMDECK_BSKY_PLC: `http://127.0.0.1:${network.plc.port}`,
  CMDECK_BSKY_USER: 'alice.test',
  CMDECK_BSKY_PASS: alice,
  CMDECK_BSKY_USER2: 'bob.test',
  CMDECK_BSKY_PASS2: bob,
}
const lines = Object.entries(env).map(([k, v]) => `export ${k}=${v}\n`).join('')
fs.writeFileSync(process.env.CMDECK_BSKY_ENVFILE, lines, { mode: 0o600 })

// stop closes the servers, but never waits long: the state is thrown away.
const stop = async () => {
  setTimeout(() => process.exit(0), 3000).unref()
  try {
    await network.close()
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

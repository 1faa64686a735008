/**
 * One server replica as its own process, for the scale-out tests: they kill
 * replicas with SIGKILL, which a server inside the test process could not
 * survive. argv[2] is the ServerConfig as JSON (plus host and port); prints
 * "listening on <url>" once up, then the server's JSON log lines.
 */
import { closeOnSignals, startServer, type StartOptions } from '../../server/main';

const options = JSON.parse(process.argv[2] ?? '{}') as StartOptions;
const { app, url } = await startServer({ log: true, ...options });
closeOnSignals(app);
process.stdout.write(`listening on ${url}\n`);

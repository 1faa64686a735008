/**
 * The Node platform's walls around Pyodide, applied inside the child process
 * before Python loads. In Node, Python's socket module reaches real TCP through
 * Emscripten, and Pyodide can mount host folders; so the child
 *  - runs with --disallow-code-generation-from-strings (Python that reaches
 *    JavaScript's Function/eval gets an EvalError),
 *  - runs under Node's permission model, allowed to read only Pyodide's files,
 *    the Python bundle and its own script: no other file, no child process, no worker,
 *  - has every network entry point replaced by one that throws.
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

function refuse(what: string): () => never {
  return () => {
    throw new Error(`Network access is disabled in the sandbox (${what}).`);
  };
}

export function closeNetwork(): void {
  const g = globalThis as Record<string, unknown>;
  net.Socket.prototype.connect = refuse('net.Socket.connect') as typeof net.Socket.prototype.connect;
  Object.assign(net, { connect: refuse('net.connect'), createConnection: refuse('net.createConnection'), createServer: refuse('net.createServer') });
  Object.assign(tls, { connect: refuse('tls.connect') });
  Object.assign(dgram, { createSocket: refuse('dgram.createSocket') });
  Object.assign(http, { request: refuse('http.request'), get: refuse('http.get') });
  Object.assign(https, { request: refuse('https.request'), get: refuse('https.get') });
  for (const name of ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest', 'require']) delete g[name];
}

/**
 * Node's permission model forbids process.binding, which Pyodide's NODEFS
 * reads file-flag constants from; hand it just those constants.
 */
export function shimProcessBinding(): void {
  const binding = (name: string): unknown => {
    if (name === 'constants') return { fs: fs.constants };
    throw new Error(`process.binding('${name}') is not available in the sandbox.`);
  };
  Object.defineProperty(process, 'binding', { value: binding, configurable: false, writable: false });
}

/** What is missing, in words; empty when every wall holds. */
export function checkNodeWalls(): string[] {
  const problems: string[] = [];
  try {
    new Function('return 1');
    problems.push('JavaScript code generation from strings is allowed (start Node with --disallow-code-generation-from-strings).');
  } catch {
    // Refused, as it must be.
  }
  const permission = (process as unknown as { permission?: { has(scope: string, ref?: string): boolean } }).permission;
  if (!permission || permission.has('fs.read', '/etc/hostname') || permission.has('child')) {
    problems.push("Node's permission model is off (start the sandbox process with --permission / --experimental-permission).");
  }
  try {
    net.connect({ host: '127.0.0.1', port: 9 });
    problems.push('Network access is possible from the sandbox process.');
  } catch {
    // Refused, as it must be.
  }
  return problems;
}

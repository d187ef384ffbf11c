// Loaded with `node --import` into a program under test: every TCP connection and DNS lookup the program starts is
// appended to the file named by RECORD_CONNECTIONS_TO (one JSON line each), and a connection anywhere but loopback
// is refused before it leaves the machine. Node's fetch (undici), http and https all connect through net.Socket.
import { appendFileSync } from "node:fs";
import dns from "node:dns";
import net from "node:net";

const file = process.env.RECORD_CONNECTIONS_TO;
const record = (entry) => file && appendFileSync(file, `${JSON.stringify({ pid: process.pid, ...entry })}\n`);
const loopback = (host) => !host || host === "localhost" || /^(127\.|::1$|::ffff:127\.)/.test(host);

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = args[0];
  const options = first && typeof first === "object" ? (Array.isArray(first) ? first[0] : first) : undefined;
  const host = options ? (options.host ?? options.hostname) : typeof args[1] === "string" ? args[1] : undefined;
  const port = options ? options.port : first;
  if (options?.path) return connect.apply(this, args); // a local socket (IPC), not the network
  record({ kind: "connect", host: host ?? "localhost", port });
  if (!loopback(host)) {
    process.nextTick(() => this.destroy(new Error(`blocked by the test: a connection to ${host}:${port}`)));
    return this;
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  record({ kind: "lookup", host: hostname });
  return lookup.call(this, hostname, ...rest);
};

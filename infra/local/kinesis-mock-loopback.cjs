'use strict';
// Preloaded with `node --require` by kinesis-mock.sh. kinesis-mock (npm package kinesis-local,
// checked with 0.6.2) hard-codes the listen address 0.0.0.0 for both its HTTPS and its plain
// HTTP server and has no setting for it. Its Node.js build then calls server.listen(port, cb)
// without a host, so this hook adds 127.0.0.1 to every listen call of the process that names
// no host, and the mock is reachable from this machine only.
const net = require('net');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

function isPort(value) {
    return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

net.Server.prototype.listen = function listenOnLoopback(...args) {
    if (isPort(args[0]) && typeof args[1] !== 'string') {
        args.splice(1, 0, LOOPBACK);
    } else if (args[0] !== null && typeof args[0] === 'object' && 'port' in args[0]
            && !args[0].host && !args[0].path) {
        args[0] = { ...args[0], host: LOOPBACK };
    }
    return originalListen.apply(this, args);
};

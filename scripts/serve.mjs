#!/usr/bin/env node
// A plain static file server for the built site: serves dist/ under a sub-path
// (default /some/sub/path/, to prove the build needs no server routing and no
// absolute URLs) and the kernel harness (dist-harness/) under /harness/.
// Usage: node scripts/serve.mjs [--port 4173] [--base /some/sub/path/]
import http from 'node:http';
import sirv from 'sirv';

const args = new Map();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i], process.argv[i + 1]);
const port = Number(args.get('--port') ?? process.env.PORT ?? 4173);
const base = args.get('--base') ?? '/some/sub/path/';

const site = sirv('dist', { dev: true, etag: true });
const harness = sirv('dist-harness', { dev: true });

http
  .createServer((req, res) => {
    const url = req.url ?? '/';
    const mount = (prefix, handler) => {
      req.url = '/' + url.slice(prefix.length);
      handler(req, res, () => {
        res.statusCode = 404;
        res.end('not found');
      });
    };
    if (url.startsWith(base)) return mount(base, site);
    if (url.startsWith('/harness/')) return mount('/harness/', harness);
    if (url === '/' || url === '') {
      res.writeHead(302, { location: base });
      return res.end();
    }
    res.statusCode = 404;
    res.end('not found');
  })
  .listen(port, '127.0.0.1', () => console.log(`Curvature at http://127.0.0.1:${port}${base} (harness at /harness/)`));

// Runs every benchmark (the app must be built: npm run build), each printing one JSON line.
import { execFileSync } from 'node:child_process';
for (const b of ['cold-start.mjs', 'people-read.mjs']) {
  execFileSync(process.execPath, [new URL(b, import.meta.url).pathname], { stdio: 'inherit' });
}

// Removes earlier build output so a build never ships a stale module.
import { rmSync } from 'node:fs';

for (const dir of ['dist', '.build']) rmSync(dir, { recursive: true, force: true });

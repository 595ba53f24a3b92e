// Optional CPU profile of a server process (`SYNAPSOR_BENCH_PROFILE=1`): the child runs with
// `--cpu-prof` and its top frames by self time go into the result, so a missed target comes with
// "what dominates" instead of a guess. The .cpuprofile files are kept only if a dir is given.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './paths.mjs';
import { round } from './stats.mjs';

export const profilingEnabled = () => process.env.SYNAPSOR_BENCH_PROFILE === '1';

/** `{nodeArgs, summarize()}`; without profiling nodeArgs is empty and summarize returns null. */
export function cpuProfiler() {
  if (!profilingEnabled()) return { nodeArgs: [], summarize: () => null };
  const keep = process.env.SYNAPSOR_BENCH_PROFILE_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'synapsor-bench-prof-'));
  return {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    summarize(top = 15) {
      const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
      const result = files.length ? topFrames(JSON.parse(readFileSync(join(dir, files.at(-1)), 'utf8')), top) : null;
      if (!keep) rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}

/** Self time per function (name + file:line), largest first, as % of all samples. */
export function topFrames(profile, top) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const deltas = profile.timeDeltas ?? [];
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const frame = node.callFrame;
    const file = frame.url ? relative(REPO_ROOT, frame.url.replace(/^file:\/\//, '')) : '';
    const key = `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}` : ''}`.trim();
    const dt = deltas[index] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, us]) => ({ frame, self_ms: round(us / 1000, 1), self_pct: round((100 * us) / total, 1) }));
}

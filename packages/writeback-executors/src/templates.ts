import { readFileSync } from 'node:fs';
import { SynapsorError } from '@synapsor/core';

/** Handler templates shipped in `templates/` (read from the package, never generated). */
const TEMPLATES = {
  'node-fastify': { file: 'node-fastify/handler.mjs', description: 'Node + fastify on @synapsor/writeback-executors/handler' },
  'python-fastapi': { file: 'python-fastapi/handler.py', description: 'Python FastAPI with every check written out' },
  command: { file: 'command/handler.mjs', description: 'command_handler: request on stdin, receipt on stdout' },
} as const;

export type HandlerTemplateName = keyof typeof TEMPLATES;

export function listHandlerTemplates(): Array<{ name: HandlerTemplateName; file: string; description: string }> {
  return (Object.keys(TEMPLATES) as HandlerTemplateName[]).map((name) => ({ name, ...TEMPLATES[name] }));
}

/** Works from `src/` and from `dist/`: both sit next to `templates/`. */
export function renderHandlerTemplate(name: string): { name: HandlerTemplateName; file: string; content: string } {
  if (!Object.hasOwn(TEMPLATES, name)) {
    throw new SynapsorError('HANDLER_TEMPLATE_UNKNOWN', `Unknown handler template; choose one of ${Object.keys(TEMPLATES).join(', ')}`);
  }
  const template = TEMPLATES[name as HandlerTemplateName];
  const content = readFileSync(new URL(`../templates/${template.file}`, import.meta.url), 'utf8');
  return { name: name as HandlerTemplateName, file: template.file, content };
}

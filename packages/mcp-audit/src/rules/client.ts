import { childPath } from '../json-path.js';
import type { ClientEntry } from '../loaders/client-config.js';
import type { Evidence } from '../types.js';
import type { RuleCode } from './catalog.js';
import { envValues, flagValues } from './client-args.js';
import { inlineSecretEvidence } from './client-secrets.js';
import { makeFinding, type RankedFinding } from './finding.js';

const NO_AUTH_FLAGS = new Set(['--dev-no-auth', '--no-auth', '--disable-auth', '--allow-unauthenticated']);
const ORIGIN_FLAGS = new Set([
  '--allowed-origin',
  '--allowed-origins',
  '--allowed-host',
  '--allowed-hosts',
  '--cors-origin',
  '--cors',
]);
const BIND_FLAGS = new Set(['--host', '--bind', '--listen']);
const PUBLIC_HOSTS = ['0.0.0.0', '::', '[::]'];

const listHasWildcard = (value: string): boolean => value.split(/[\s,]+/).some((part) => part === '*');
const isPublicBind = (value: string): boolean =>
  PUBLIC_HOSTS.some((host) => value === host || value.startsWith(`${host}:`));

function authDisabled(entry: ClientEntry): Evidence[] {
  const argsPath = childPath(entry.path, 'args');
  const flags = entry.args.flatMap((arg, index) =>
    NO_AUTH_FLAGS.has(arg) ? [{ path: childPath(argsPath, index), detail: `argument ${arg}` }] : [],
  );
  const authNone = flagValues(entry, new Set(['--auth']))
    .filter((flag) => flag.value.toLowerCase() === 'none')
    .map((flag) => ({ path: flag.path, detail: '--auth none' }));
  return [...flags, ...authNone];
}

function wildcardOrigin(entry: ClientEntry): Evidence[] {
  const fromArgs = flagValues(entry, ORIGIN_FLAGS)
    .filter((flag) => listHasWildcard(flag.value))
    .map((flag) => ({ path: flag.path, detail: `${flag.flag} allows "*"` }));
  const fromEnv = envValues(entry, (name) => /ORIGIN|ALLOWED_HOSTS|CORS/.test(name.toUpperCase()))
    .filter((env) => listHasWildcard(env.value))
    .map((env) => ({ path: env.path, detail: `${env.name} allows "*"` }));
  return [...fromArgs, ...fromEnv];
}

function publicBind(entry: ClientEntry): Evidence[] {
  const fromArgs = flagValues(entry, BIND_FLAGS)
    .filter((flag) => isPublicBind(flag.value))
    .map((flag) => ({ path: flag.path, detail: `${flag.flag} binds all interfaces` }));
  const fromEnv = envValues(entry, (name) => /^(HOST|BIND|LISTEN.*)$/.test(name.toUpperCase()))
    .filter((env) => isPublicBind(env.value))
    .map((env) => ({ path: env.path, detail: `${env.name} binds all interfaces` }));
  const fromUrl = urlHostIsPublic(entry.url)
    ? [{ path: childPath(entry.path, entry.urlKey), detail: 'URL points at an all-interfaces address' }]
    : [];
  return [...fromArgs, ...fromEnv, ...fromUrl];
}

function urlHostIsPublic(url: string | undefined): boolean {
  if (url === undefined || !URL.canParse(url)) return false;
  return PUBLIC_HOSTS.includes(new URL(url).hostname);
}

function httpWithoutAuth(entry: ClientEntry): Evidence[] {
  if (!entry.isUrlEntry) return [];
  const hasAuthHeader = Object.entries(entry.headers).some(
    ([name, value]) => name.toLowerCase() === 'authorization' || /^bearer\s/i.test(value),
  );
  const hasBearerReference = entry.keys.some((key) => key.toLowerCase().includes('bearer'));
  if (hasAuthHeader || hasBearerReference) return [];
  return [{ path: childPath(entry.path, entry.urlKey), detail: 'URL entry without an Authorization header or bearer reference' }];
}

const CLIENT_RULES: readonly { code: RuleCode; check: (entry: ClientEntry) => Evidence[]; message: string }[] = [
  { code: 'CLIENT_AUTH_DISABLED', check: authDisabled, message: 'starts a server with authentication disabled' },
  { code: 'CLIENT_WILDCARD_ORIGIN', check: wildcardOrigin, message: 'allows any origin or host (*)' },
  { code: 'CLIENT_HTTP_WITHOUT_AUTH', check: httpWithoutAuth, message: 'connects over HTTP without an Authorization header' },
  { code: 'CLIENT_PUBLIC_BIND', check: publicBind, message: 'binds or connects to all network interfaces' },
  { code: 'CLIENT_INLINE_SECRET', check: inlineSecretEvidence, message: 'contains an inline secret (value not shown)' },
];

/** Client rules on one entry of a client config. */
export function auditClientEntry(entry: ClientEntry): RankedFinding[] {
  return CLIENT_RULES.flatMap(({ code, check, message }) => {
    const evidence = check(entry);
    if (evidence.length === 0) return [];
    return [makeFinding(code, { server: entry.name }, `Client entry "${entry.name}" ${message}.`, evidence)];
  });
}

import { describe, expect, it } from 'vitest';
import {
  checkToolBoundary,
  compileTools,
  generateInitConfig,
  inspectionDocument,
  nextCommands,
  parseRecipe,
  readinessChecklist,
  recipeSelection,
  renderInspection,
  renderReadiness,
  STARTER_SELECTION,
  validateConfig,
  engineFromUrl,
  smokeInputDocument,
} from '../../src/index.js';
import { invoiceInspection } from './fixtures.js';

const RECIPE = {
  id: 'billing.late_fee_waiver', title: 'Late fee waiver', summary: 's', expected_table_type: 'table',
  required_columns: ['id'], recommended_primary_key: 'id', recommended_tenant_key: 'tenant_id', recommended_conflict_column: 'updated_at',
  visible_columns: ['id'], allowed_write_columns: ['late_fee_cents'], semantic_tools: ['billing.inspect_invoice'], notes: ['start on staging'],
  spec: { engine: 'postgres', mode: 'review', schema: 'public', table: 'invoices', tenant_key: 'tenant_id', patch: { late_fee_cents: { fixed: 0 } }, approval: { required_role: 'billing_lead' } },
};

describe('recipes', () => {
  it('parses and turns into a selection with engine/mode overrides', () => {
    const parsed = parseRecipe(RECIPE);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.recipe.spec.approval_role).toBe('billing_lead');
    const mysql = recipeSelection(parsed.recipe, { engine: 'mysql', mode: 'read_only' });
    expect(mysql).toMatchObject({ engine: 'mysql', mode: 'read_only' });
    expect(mysql.schema).toBeUndefined();
    const readOnly = generateInitConfig({ ...mysql, schema: 'app' });
    expect((readOnly.config as any).capabilities).toHaveLength(1);
  });

  it('rejects a recipe with a bad spec', () => {
    const parsed = parseRecipe({ ...RECIPE, spec: { tabel: 'x' } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toContain('spec.tabel');
    expect(parseRecipe({ id: 'x' }).ok).toBe(false);
  });
});

describe('starter, readiness, next commands, inspection rendering', () => {
  const config = validateConfig(generateInitConfig({ ...STARTER_SELECTION, mode: 'review' }).config).config!;

  it('detects the engine from the URL scheme and writes smoke input only with an id', () => {
    expect(['postgres://h/db', 'postgresql://h', 'MYSQL://h', 'mariadb://h', 'http://h', 'nope'].map(engineFromUrl)).toEqual(['postgres', 'postgres', 'mysql', 'mysql', null, null]);
    const resolved = generateInitConfig({ ...STARTER_SELECTION, sample_id: 'INV-3001' }).resolved!;
    expect(smokeInputDocument(resolved)).toEqual({ 'billing.inspect_invoice': { invoice_id: 'INV-3001' } });
    expect(smokeInputDocument(generateInitConfig(STARTER_SELECTION).resolved!)).toBeNull();
  });

  it('the starter selection generates a valid config', () => {
    expect(generateInitConfig(STARTER_SELECTION).ok).toBe(true);
  });

  it('builds a readiness checklist with env set/missing and aliases', () => {
    const compiled = compileTools(config, { aliasMode: 'openai' });
    const list = readinessChecklist(config, compiled, checkToolBoundary(compiled.descriptors), { SYNAPSOR_DATABASE_READ_URL: 'x' }, ['synapsor-runner mcp serve']);
    expect(list.tools).toEqual([
      { name: 'billing__inspect_invoice', capability: 'billing.inspect_invoice', kind: 'read' },
      { name: 'billing__propose_late_fee_waiver', capability: 'billing.propose_late_fee_waiver', kind: 'proposal' },
    ]);
    expect(list.writeback[0]).toMatchObject({ path: 'sql_update (guarded UPDATE with SYNAPSOR_DATABASE_WRITE_URL)', approval_role: 'billing_lead' });
    expect(list.env.find((e) => e.name === 'SYNAPSOR_TENANT_ID')!.status).toBe('missing');
    expect(list.ready).toBe(false);
    const text = renderReadiness(list).join('\n');
    expect(text).toContain('billing__inspect_invoice → billing.inspect_invoice (read)');
    expect(text).toContain('SYNAPSOR_DATABASE_READ_URL set');
  });

  it('lists next commands with the smoke input', () => {
    const lines = nextCommands(config, { configArg: null, hasSmokeInput: true });
    expect(lines).toContain('synapsor-runner smoke call billing.inspect_invoice --sample');
    expect(nextCommands(config, { configArg: 'x.json', hasSmokeInput: false })).toContain(`synapsor-runner smoke call billing.inspect_invoice --input-json '{"invoice_id": "<id>"}' --config x.json`);
    expect(lines).toContain('synapsor-runner apply latest');
  });

  it('renders inspection suggestions and a JSON document', () => {
    const text = renderInspection(invoiceInspection()).join('\n');
    expect(text).toContain('postgres inspection of public: 3 tables, 1 views');
    expect(text).toContain('suggested tenant: tenant_id; conflict: updated_at');
    expect(text).toContain('sensitive (hidden by default): password_hash');
    expect(text).toContain('large/binary (hidden by default): attachment');
    expect(text).toContain('view: usable for reads only');
    const doc = inspectionDocument(invoiceInspection()) as any;
    expect(doc.tables[0].suggested.visible_columns).not.toContain('password_hash');
  });
});

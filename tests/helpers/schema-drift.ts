import internals from "@prisma/internals";

/**
 * Compares what schema.prisma says with what a migrated PostgreSQL database has. Prisma's own
 * drift check (`migrate diff`) needs the schema engine binary, which cannot be downloaded
 * here; this reads the schema with the offline (WASM) DMMF parser and the database through
 * pg_catalog, reduces both to the same shape, and lists every difference in plain words.
 *
 * Compared: tables (@@map), columns (@map), type family (with @db native types), nullability,
 * defaults, enum types and their (mapped) values in order, primary keys, unique and plain
 * indexes (columns, names, method, sort order) and foreign keys (columns, target, actions).
 * Not compared: foreign-key constraint names (the DMMF does not expose @relation(map:)).
 */

// `@prisma/internals` is CommonJS; its named exports are reached through the default export.
const { getDMMF } = internals;

export interface ColumnShape {
  type: string;
  nullable: boolean;
  /** Normalised SQL default: `autoincrement` for sequences, otherwise PostgreSQL's text. */
  default: string | null;
}

export interface IndexShape {
  name: string;
  columns: string[];
  kind: "primary" | "unique" | "index";
  method: string;
  descending: boolean[];
  partial: boolean;
}

export interface ForeignKeyShape {
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

export interface SchemaShape {
  tables: Record<string, TableShape>;
  enums: Record<string, string[]>;
}

type Dmmf = Awaited<ReturnType<typeof getDMMF>>;
type Model = Dmmf["datamodel"]["models"][number];
type Field = Model["fields"][number];

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

function nativeType([name, args]: [string, string[]]): string {
  const a = args.join(",");
  switch (name) {
    case "Text":
      return "text";
    case "VarChar":
      return a ? `character varying(${a})` : "character varying";
    case "Char":
      return `character(${a || "1"})`;
    case "Uuid":
      return "uuid";
    case "Integer":
      return "integer";
    case "SmallInt":
      return "smallint";
    case "BigInt":
      return "bigint";
    case "Boolean":
      return "boolean";
    case "JsonB":
      return "jsonb";
    case "Json":
      return "json";
    case "Date":
      return "date";
    case "Timestamp":
      return `timestamp(${a || "6"}) without time zone`;
    case "Timestamptz":
      return `timestamp(${a || "6"}) with time zone`;
    case "DoublePrecision":
      return "double precision";
    case "Decimal":
      return a ? `numeric(${a})` : "numeric";
    case "ByteA":
      return "bytea";
    default:
      throw new Error(`The drift comparer does not know the native type @db.${name}; teach it before using it`);
  }
}

const quoteIdent = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);
const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The default PostgreSQL shows for a Prisma @default, or null when Prisma fills it in itself. */
function expectedDefault(
  field: Field,
  enumDbValue: (enumName: string, value: string) => string,
  enumDbName: (name: string) => string,
): string | null {
  const d = field.default as unknown;
  if (d === undefined || d === null) return null;
  if (typeof d === "object" && !Array.isArray(d) && "name" in (d as object)) {
    const fn = d as { name: string; args: unknown[] };
    if (fn.name === "now") return "CURRENT_TIMESTAMP";
    if (fn.name === "autoincrement") return "autoincrement";
    if (["uuid", "cuid", "nanoid", "ulid"].includes(fn.name)) return null;
    if (fn.name === "dbgenerated") return String(fn.args[0]);
    throw new Error(`The drift comparer does not know @default(${fn.name}())`);
  }
  if (field.kind === "enum")
    return `${quoteLiteral(enumDbValue(field.type, String(d)))}::${quoteIdent(enumDbName(field.type))}`;
  switch (field.type) {
    case "String":
      return `${quoteLiteral(String(d))}::text`;
    case "Json":
      return `${quoteLiteral(String(d))}::jsonb`;
    case "Int":
    case "BigInt":
    case "Float":
    case "Decimal":
    case "Boolean":
      return String(d);
    default:
      throw new Error(`The drift comparer does not know literal defaults of type ${field.type}`);
  }
}

function defaultIndexName(table: string, columns: string[], suffix: string): string {
  return `${table}_${columns.join("_")}_${suffix}`;
}

/** What schema.prisma says the database must look like. */
export async function schemaFromPrisma(datamodel: string): Promise<SchemaShape> {
  const dmmf = await getDMMF({ datamodel });
  const { models, enums, indexes } = dmmf.datamodel;
  const enumByName = new Map(enums.map((e) => [e.name, e]));
  const enumDbName = (name: string) => enumByName.get(name)?.dbName ?? name;
  const enumDbValue = (name: string, value: string) =>
    enumByName.get(name)?.values.find((v) => v.name === value)?.dbName ?? value;
  const modelByName = new Map(models.map((m) => [m.name, m]));
  const tableOf = (m: Model) => m.dbName ?? m.name;
  const columnOf = (m: Model, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName);
    if (!f) throw new Error(`${m.name}.${fieldName} is not a field`);
    return f.dbName ?? f.name;
  };

  const shape: SchemaShape = { tables: {}, enums: {} };
  for (const e of enums) shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);

  for (const model of models) {
    const table = tableOf(model);
    const t: TableShape = { columns: {}, indexes: [], foreignKeys: [] };
    shape.tables[table] = t;
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      if (field.kind === "unsupported")
        throw new Error(`${model.name}.${field.name} is Unsupported(); the comparer cannot check it`);
      let type = field.nativeType
        ? nativeType(field.nativeType as [string, string[]])
        : field.kind === "enum"
          ? `enum ${enumDbName(field.type)}`
          : SCALAR_TYPES[field.type];
      if (!type) throw new Error(`The drift comparer does not know the Prisma type ${field.type}`);
      if (field.isList) type = `${type}[]`;
      t.columns[field.dbName ?? field.name] = {
        type,
        nullable: !field.isRequired && !field.isList,
        default: expectedDefault(field, enumDbValue, enumDbName),
      };
    }
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = modelByName.get(field.type)!;
      const fromFields = field.relationFromFields.map((f) => model.fields.find((x) => x.name === f)!);
      const optional = fromFields.some((f) => !f.isRequired);
      t.foreignKeys.push({
        columns: field.relationFromFields.map((f) => columnOf(model, f)),
        refTable: tableOf(target),
        refColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
        onDelete: field.relationOnDelete ?? (optional ? "SetNull" : "Restrict"),
        onUpdate: (field as Field & { relationOnUpdate?: string }).relationOnUpdate ?? "Cascade",
      });
    }
  }

  for (const index of indexes) {
    const model = modelByName.get(index.model)!;
    const table = tableOf(model);
    const columns = index.fields.map((f) => columnOf(model, f.name));
    if (index.type === "fulltext") throw new Error("The drift comparer does not check fulltext indexes");
    const kind = index.type === "id" ? "primary" : index.type === "unique" ? "unique" : "index";
    const suffix = kind === "primary" ? "pkey" : kind === "unique" ? "key" : "idx";
    shape.tables[table]!.indexes.push({
      name: index.dbName ?? (kind === "primary" ? `${table}_pkey` : defaultIndexName(table, columns, suffix)),
      columns,
      kind,
      method: (index.algorithm ?? "BTree").toLowerCase(),
      descending: index.fields.map((f) => f.sortOrder === "desc"),
      partial: false,
    });
  }
  return shape;
}

export type Query = <R extends Record<string, unknown>>(sql: string, values?: unknown[]) => Promise<R[]>;

const FK_ACTIONS: Record<string, string> = {
  a: "NoAction",
  r: "Restrict",
  c: "Cascade",
  n: "SetNull",
  d: "SetDefault",
};

/** What a database actually has in `schema` (default `public`), `_prisma_migrations` aside. */
export async function schemaFromDatabase(query: Query, schema = "public"): Promise<SchemaShape> {
  const shape: SchemaShape = { tables: {}, enums: {} };

  const enums = await query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name,
            array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'e' AND n.nspname = $1`,
    [schema],
  );
  for (const e of enums) shape.enums[e.name] = e.labels;

  const tables = await query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
    [schema],
  );
  for (const t of tables) shape.tables[t.name] = { columns: {}, indexes: [], foreignKeys: [] };

  const columns = await query<{
    table: string;
    column: string;
    type: string;
    is_enum: boolean;
    enum_name: string;
    not_null: boolean;
    default: string | null;
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            (t.typtype = 'e') AS is_enum, t.typname AS enum_name, a.attnotnull AS not_null,
            pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  for (const c of columns) {
    const table = shape.tables[c.table];
    if (!table) continue;
    table.columns[c.column] = {
      type: c.is_enum ? `enum ${c.enum_name}` : c.type,
      nullable: !c.not_null,
      default: c.default === null ? null : /^nextval\(/.test(c.default) ? "autoincrement" : c.default,
    };
  }

  const indexes = await query<{
    table: string;
    name: string;
    columns: string[];
    is_unique: boolean;
    is_primary: boolean;
    method: string;
    descending: boolean[];
    partial: boolean;
  }>(
    `SELECT c.relname AS table, ic.relname AS name, i.indisunique AS is_unique, i.indisprimary AS is_primary,
            am.amname AS method, i.indpred IS NOT NULL AS partial,
            array(SELECT coalesce(a.attname::text, '<expression>') FROM generate_subscripts(i.indkey, 1) k
                    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[k] ORDER BY k) AS columns,
            array(SELECT (i.indoption[k] & 1) = 1 FROM generate_subscripts(i.indoption, 1) k ORDER BY k) AS descending
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_am am ON am.oid = ic.relam
      WHERE n.nspname = $1`,
    [schema],
  );
  for (const i of indexes) {
    shape.tables[i.table]?.indexes.push({
      name: i.name,
      columns: i.columns,
      kind: i.is_primary ? "primary" : i.is_unique ? "unique" : "index",
      method: i.method,
      descending: i.descending,
      partial: i.partial,
    });
  }

  const fks = await query<{
    table: string;
    columns: string[];
    ref_table: string;
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT c.relname AS table, rc.relname AS ref_table, con.confdeltype AS on_delete, con.confupdtype AS on_update,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_class rc ON rc.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  for (const f of fks) {
    shape.tables[f.table]?.foreignKeys.push({
      columns: f.columns,
      refTable: f.ref_table,
      refColumns: f.ref_columns,
      onDelete: FK_ACTIONS[f.on_delete] ?? f.on_delete,
      onUpdate: FK_ACTIONS[f.on_update] ?? f.on_update,
    });
  }
  return shape;
}

export interface CompareOptions {
  /**
   * Partial indexes the migrations add on purpose (Prisma's schema language cannot express
   * them). Only partial indexes of these names are let through.
   */
  extraIndexes?: string[];
}

/** Names of the partial indexes (`CREATE [UNIQUE] INDEX "x" ON … WHERE …`) in migration SQL. */
export function partialIndexesIn(sql: string): string[] {
  const statements = sql.replace(/--.*$/gm, "").split(";");
  return statements.flatMap((statement) => {
    const m =
      /^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"([^"]+)"[\s\S]*\bWHERE\b/i.exec(
        statement,
      );
    return m ? [m[1]!] : [];
  });
}

const describeIndex = (i: IndexShape) =>
  `${i.kind} ${i.name} (${i.columns.map((c, n) => (i.descending[n] ? `${c} DESC` : c)).join(", ")}) using ${i.method}${i.partial ? " partial" : ""}`;
const describeFk = (f: ForeignKeyShape) =>
  `(${f.columns.join(", ")}) → ${f.refTable}(${f.refColumns.join(", ")}) on delete ${f.onDelete} on update ${f.onUpdate}`;

/** Every difference between the schema and the database, in words; empty when they agree. */
export function compareSchemas(expected: SchemaShape, actual: SchemaShape, options: CompareOptions = {}): string[] {
  const problems: string[] = [];
  const allowedExtra = new Set(options.extraIndexes ?? []);

  for (const [name, values] of Object.entries(expected.enums)) {
    const found = actual.enums[name];
    if (!found) problems.push(`enum ${name}: in schema.prisma, missing from the database`);
    else if (JSON.stringify(found) !== JSON.stringify(values)) {
      problems.push(
        `enum ${name}: values [${values.join(", ")}] in schema.prisma, [${found.join(", ")}] in the database`,
      );
    }
  }
  for (const name of Object.keys(actual.enums)) {
    if (!(name in expected.enums)) problems.push(`enum ${name}: in the database, not in schema.prisma`);
  }

  for (const [name, table] of Object.entries(expected.tables)) {
    const found = actual.tables[name];
    if (!found) {
      problems.push(`table ${name}: in schema.prisma, missing from the database`);
      continue;
    }
    for (const [column, want] of Object.entries(table.columns)) {
      const have = found.columns[column];
      if (!have) {
        problems.push(`column ${name}.${column}: in schema.prisma, missing from the database`);
        continue;
      }
      if (have.type !== want.type)
        problems.push(`column ${name}.${column}: type ${want.type} in schema.prisma, ${have.type} in the database`);
      if (have.nullable !== want.nullable) {
        problems.push(
          `column ${name}.${column}: ${want.nullable ? "nullable" : "NOT NULL"} in schema.prisma, ${have.nullable ? "nullable" : "NOT NULL"} in the database`,
        );
      }
      if (have.default !== want.default) {
        problems.push(
          `column ${name}.${column}: default ${want.default ?? "none"} in schema.prisma, ${have.default ?? "none"} in the database`,
        );
      }
    }
    for (const column of Object.keys(found.columns)) {
      if (!(column in table.columns)) problems.push(`column ${name}.${column}: in the database, not in schema.prisma`);
    }

    const wantIndexes = new Map(table.indexes.map((i) => [describeIndex(i), i]));
    const haveIndexes = new Map(found.indexes.map((i) => [describeIndex(i), i]));
    for (const [text] of wantIndexes) {
      if (!haveIndexes.has(text)) problems.push(`${name}: ${text} in schema.prisma, missing from the database`);
    }
    for (const [text, index] of haveIndexes) {
      if (!wantIndexes.has(text) && !(index.partial && allowedExtra.has(index.name)))
        problems.push(`${name}: ${text} in the database, not in schema.prisma`);
    }

    const wantFks = new Set(table.foreignKeys.map(describeFk));
    const haveFks = new Set(found.foreignKeys.map(describeFk));
    for (const text of wantFks)
      if (!haveFks.has(text)) problems.push(`${name}: foreign key ${text} in schema.prisma, missing from the database`);
    for (const text of haveFks)
      if (!wantFks.has(text)) problems.push(`${name}: foreign key ${text} in the database, not in schema.prisma`);
  }
  for (const name of Object.keys(actual.tables)) {
    if (!(name in expected.tables)) problems.push(`table ${name}: in the database, not in schema.prisma`);
  }
  return problems.sort();
}

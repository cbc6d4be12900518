import { randomUUID } from "node:crypto";

/**
 * OpenLineage RunEvents shaped as the stock integrations send them, with no Terrane facet:
 * dbt-ol (openlineage-dbt), Airflow's OpenLineage provider and openlineage-spark. Producers,
 * schema URLs, facet names and dataset namespaces follow what each integration writes (Python
 * clients write microsecond times with `+00:00`, the Java client milliseconds with `Z`).
 */

type Json = Record<string, unknown>;
const SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
const FACETS = "https://openlineage.io/spec/facets";

export const DBT_PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/dbt";
export const AIRFLOW_PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/2.3.0";
export const SPARK_PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.25.0/integration/spark";

const pyTime = (at: Date) => at.toISOString().replace(/\.(\d{3})Z$/, ".$1417+00:00");
const facet = (producer: string, schema: string, body: Json): Json => ({
  _producer: producer,
  _schemaURL: `${FACETS}/${schema}`,
  ...body,
});

const dataSource = (producer: string, namespace: string) =>
  facet(producer, "1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet", {
    name: namespace,
    uri: namespace,
  });

const schema = (producer: string, fields: [string, string][]) =>
  facet(producer, "1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet", {
    fields: fields.map(([name, type]) => ({ name, type })),
  });

const jobType = (producer: string, integration: string, type: string) =>
  facet(producer, "2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet", {
    processingType: "BATCH",
    integration,
    jobType: type,
  });

const processingEngine = (producer: string, name: string, version: string, adapter: string) =>
  facet(producer, "1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet", {
    version,
    name,
    openlineageAdapterVersion: adapter,
  });

const parent = (producer: string, namespace: string, name: string, runId: string) =>
  facet(producer, "1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet", {
    job: { namespace, name },
    run: { runId },
  });

export interface StockRun {
  /** START and COMPLETE of one run, as the integration sends them. */
  events: Json[];
  jobNamespace: string;
  jobName: string;
  inputs: { namespace: string; name: string }[];
  outputs: { namespace: string; name: string }[];
}

/** dbt-ol run: one model of a dbt project on PostgreSQL, a child of the dbt-run job. */
export function dbtModelRun(jobNamespace = "northwind-dbt", at = new Date()): StockRun {
  const P = DBT_PRODUCER;
  const ns = "postgres://postgres:5432";
  const runId = randomUUID();
  const parentRunId = randomUUID();
  const jobName = "shipments.analytics.orders_daily";
  const inputs = [
    { namespace: ns, name: "shipments.public.orders" },
    { namespace: ns, name: "shipments.public.customers" },
  ];
  const outputs = [{ namespace: ns, name: "shipments.analytics.orders_daily" }];
  const job = {
    namespace: jobNamespace,
    name: jobName,
    facets: {
      jobType: jobType(P, "DBT", "MODEL"),
      sql: facet(P, "1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet", {
        query:
          'select date_trunc(\'day\', o.created_at) as day, count(*) as orders\nfrom "shipments"."public"."orders" o\njoin "shipments"."public"."customers" c on c.id = o.customer_id\ngroup by 1',
        dialect: "postgres",
      }),
    },
  };
  const run = (eventType: string, time: Date) => ({
    eventType,
    eventTime: pyTime(time),
    run: {
      runId,
      facets: {
        parent: parent(P, jobNamespace, "dbt-run-shipments", parentRunId),
        dbt_version: {
          _producer: P,
          _schemaURL:
            "https://github.com/OpenLineage/OpenLineage/tree/main/integration/common/openlineage/schema/dbt-version-run-facet.json",
          version: "1.8.2",
        },
        processing_engine: processingEngine(P, "dbt", "1.8.2", "1.24.2"),
      },
    },
    job,
    inputs: inputs.map((d) => ({
      ...d,
      facets: {
        dataSource: dataSource(P, ns),
        schema: schema(P, [
          ["id", "integer"],
          ["created_at", "timestamp"],
        ]),
      },
    })),
    outputs: outputs.map((d) => ({
      ...d,
      facets: {
        dataSource: dataSource(P, ns),
        schema: schema(P, [
          ["day", "date"],
          ["orders", "bigint"],
        ]),
      },
      outputFacets:
        eventType === "COMPLETE"
          ? {
              outputStatistics: facet(
                P,
                "1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet",
                { rowCount: 365 },
              ),
            }
          : {},
    })),
    producer: P,
    schemaURL: SPEC,
  });
  return {
    events: [run("START", at), run("COMPLETE", new Date(at.getTime() + 4_200))],
    jobNamespace,
    jobName,
    inputs,
    outputs,
  };
}

/** Airflow task: a BigQueryInsertJobOperator reading the warehouse and writing a report table. */
export function airflowTaskRun(jobNamespace = "northwind-airflow", at = new Date()): StockRun {
  const P = AIRFLOW_PRODUCER;
  const runId = randomUUID();
  const jobName = "shipments_daily.build_revenue_report";
  const inputs = [{ namespace: "bigquery", name: "northwind-analytics.shipments.orders" }];
  const outputs = [{ namespace: "bigquery", name: "northwind-analytics.reports.revenue_daily" }];
  const airflowFacet = {
    _producer: P,
    _schemaURL:
      "https://raw.githubusercontent.com/apache/airflow/providers-openlineage/2.3.0/airflow/providers/openlineage/facets/AirflowRunFacet.json#/$defs/AirflowRunFacet",
    dag: { dag_id: "shipments_daily", owner: "data-eng", schedule_interval: "@daily", tags: "['shipments']" },
    dagRun: { dag_id: "shipments_daily", run_id: "scheduled__2026-12-01T00:00:00+00:00", run_type: "scheduled" },
    task: { task_id: "build_revenue_report", operator_class: "BigQueryInsertJobOperator" },
    taskInstance: { try_number: 1, map_index: -1, pool: "default_pool" },
    taskUuid: runId,
  };
  const run = (eventType: string, time: Date) => ({
    eventType,
    eventTime: pyTime(time),
    run: {
      runId,
      facets: {
        airflow: airflowFacet,
        nominalTime: facet(P, "1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet", {
          nominalStartTime: "2026-12-01T00:00:00.000000Z",
        }),
        parent: parent(P, jobNamespace, "shipments_daily", randomUUID()),
        processing_engine: processingEngine(P, "Airflow", "2.10.4", "2.3.0"),
      },
    },
    job: {
      namespace: jobNamespace,
      name: jobName,
      facets: {
        jobType: jobType(P, "AIRFLOW", "TASK"),
        ownership: facet(P, "1-0-1/OwnershipJobFacet.json#/$defs/OwnershipJobFacet", {
          owners: [{ name: "data-eng" }],
        }),
      },
    },
    inputs: inputs.map((d) => ({ ...d, facets: { schema: schema(P, [["order_id", "STRING"]]) } })),
    outputs: outputs.map((d) => ({ ...d, facets: { schema: schema(P, [["revenue", "NUMERIC"]]) } })),
    producer: P,
    schemaURL: SPEC,
  });
  return {
    events: [run("START", at), run("COMPLETE", new Date(at.getTime() + 61_000))],
    jobNamespace,
    jobName,
    inputs,
    outputs,
  };
}

/** openlineage-spark: an insert into a Hadoop FS relation, from one S3 prefix to another. */
export function sparkJobRun(jobNamespace = "northwind-spark", at = new Date()): StockRun {
  const P = SPARK_PRODUCER;
  const runId = randomUUID();
  const bucket = "s3://northwind-eu-lake";
  const jobName = "orders_compaction.execute_insert_into_hadoop_fs_relation_command.northwind-eu-lake_curated_orders";
  const inputs = [{ namespace: bucket, name: "raw/orders" }];
  const outputs = [{ namespace: bucket, name: "curated/orders" }];
  const run = (eventType: string, time: Date) => ({
    eventTime: time.toISOString(),
    producer: P,
    schemaURL: SPEC,
    eventType,
    run: {
      runId,
      facets: {
        spark_properties: {
          _producer: P,
          _schemaURL: `${FACETS}/1-0-0/RunFacet.json#/$defs/RunFacet`,
          properties: { "spark.master": "yarn", "spark.app.name": "orders_compaction" },
        },
        processing_engine: processingEngine(P, "spark", "3.5.1", "1.25.0"),
        environment_properties: {
          _producer: P,
          _schemaURL: `${FACETS}/1-0-0/RunFacet.json#/$defs/RunFacet`,
          "environment-properties": {},
        },
      },
    },
    job: {
      namespace: jobNamespace,
      name: jobName,
      facets: { jobType: jobType(P, "SPARK", "SQL_JOB") },
    },
    inputs: inputs.map((d) => ({
      ...d,
      facets: {
        dataSource: dataSource(P, bucket),
        schema: schema(P, [
          ["order_id", "string"],
          ["amount", "decimal(12,2)"],
        ]),
      },
      inputFacets: {},
    })),
    outputs: outputs.map((d) => ({
      ...d,
      facets: {
        dataSource: dataSource(P, bucket),
        schema: schema(P, [
          ["order_id", "string"],
          ["amount", "decimal(12,2)"],
        ]),
        lifecycleStateChange: facet(
          P,
          "1-0-1/LifecycleStateChangeDatasetFacet.json#/$defs/LifecycleStateChangeDatasetFacet",
          { lifecycleStateChange: "OVERWRITE" },
        ),
      },
      outputFacets:
        eventType === "COMPLETE"
          ? {
              outputStatistics: facet(
                P,
                "1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet",
                { rowCount: 120_000, size: 8_388_608 },
              ),
            }
          : {},
    })),
  });
  return {
    events: [run("START", at), run("COMPLETE", new Date(at.getTime() + 95_000))],
    jobNamespace,
    jobName,
    inputs,
    outputs,
  };
}

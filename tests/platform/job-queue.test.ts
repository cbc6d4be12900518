import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useRegionDatabase, type RegionDatabase } from "@/platform/db/db";
import { enqueueJob } from "@/platform/jobs/enqueue";
import { runDueJobs } from "@/platform/jobs/queue";
import { DEAD_LETTER_QUEUE } from "@/platform/jobs/queues";
import { startJobWorkers } from "@/platform/jobs/workers";
import { createRegionDatabase, DATABASE_KINDS } from "../helpers/databases";
import { setRegionEnv } from "../helpers/env";

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(DATABASE_KINDS)("the region's job queue (pg-boss) on %s", (kind) => {
  let database: RegionDatabase;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    setRegionEnv("eu-central-1");
    ({ database, dispose } = await createRegionDatabase(kind));
    useRegionDatabase(database);
  });
  afterAll(async () => {
    useRegionDatabase(undefined);
    await dispose();
  });

  const jobsOf = (queue: "lineage.reevaluate" | "support.timer", marker: string) =>
    database.jobs.findJobs<{ marker: string }>(queue, { data: { marker } });

  it("a job sent inside a transaction exists only if that transaction commits", async () => {
    await expect(
      database.prisma.$transaction(async (tx) => {
        await enqueueJob(tx, { kind: "lineage.reevaluate", payload: { marker: "rolled-back" } });
        throw new Error("the change fails");
      }),
    ).rejects.toThrow("the change fails");
    expect(await jobsOf("lineage.reevaluate", "rolled-back")).toEqual([]);

    await database.prisma.$transaction(async (tx) => {
      await enqueueJob(tx, { kind: "lineage.reevaluate", payload: { marker: "committed" } });
    });
    expect(await jobsOf("lineage.reevaluate", "committed")).toMatchObject([{ state: "created" }]);
  });

  it("work asked for twice under one key while the first waits is one job", async () => {
    const job = { kind: "support.timer" as const, payload: { marker: "twice" }, dedupeKey: "twice" };
    expect(await enqueueJob(database.prisma, job)).toEqual(expect.any(String));
    expect(await enqueueJob(database.prisma, job)).toBeNull();
    expect(await jobsOf("support.timer", "twice")).toHaveLength(1);
  });

  it("a job waits for its time on the database's clock, then runs once", async () => {
    await runDueJobs(database.jobs, "lineage.reevaluate", async () => undefined); // clear earlier tests' jobs
    const [row] = await database.prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    const now = row!.now;
    const runAt = new Date(now.getTime() + 1_500);
    await enqueueJob(database.prisma, { kind: "lineage.reevaluate", payload: { marker: "later" }, runAt });
    const seen: unknown[] = [];
    const handler = async (payload: unknown) => void seen.push(payload);
    expect(await runDueJobs(database.jobs, "lineage.reevaluate", handler)).toBe(0);
    await until(
      "the job to come due",
      async () => (await runDueJobs(database.jobs, "lineage.reevaluate", handler)) > 0,
    );
    expect(seen).toEqual([{ marker: "later" }]);
    const [job] = await jobsOf("lineage.reevaluate", "later");
    expect(job).toMatchObject({ state: "completed", startAfter: runAt });
    expect(job!.startedOn.getTime()).toBeGreaterThanOrEqual(runAt.getTime());
  });

  it("workers run queued jobs; one that keeps failing is retried, then kept in the dead-letter queue with its error", async () => {
    const ran: string[] = [];
    const stop = await startJobWorkers(database.sql, kind === "embedded", {
      workers: [
        {
          queue: "support.timer",
          handler: async (payload) => {
            const marker = (payload as { marker: string }).marker;
            ran.push(marker);
            if (marker === "poison") throw new Error("the handler cannot do this");
          },
        },
      ],
      cron: [],
    });
    try {
      await enqueueJob(database.prisma, { kind: "support.timer", payload: { marker: "fine" } });
      // One retry, a second apart, so the test need not sit out the queue's real backoff.
      await database.jobs.send(
        "support.timer",
        { marker: "poison" },
        { retryLimit: 1, retryDelay: 1, singletonKey: "poison" },
      );
      await until(
        "the good job to finish",
        async () => (await jobsOf("support.timer", "fine"))[0]?.state === "completed",
      );
      const dead = await until("the poison job to be dead-lettered", async () => {
        const found = await database.jobs.findJobs<{ marker: string }>(DEAD_LETTER_QUEUE, {
          data: { marker: "poison" },
        });
        return found.length > 0 ? found : null;
      });
      expect(dead).toHaveLength(1);
      const [failed] = await jobsOf("support.timer", "poison");
      expect(failed).toMatchObject({ state: "failed", retryCount: 1 });
      expect(JSON.stringify(failed!.output)).toContain("the handler cannot do this");
      expect(ran.filter((m) => m === "poison")).toHaveLength(2);
      expect(ran.filter((m) => m === "fine")).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  it("cron schedules are kept in the database for the whole region; a schedule no longer defined is removed", async () => {
    const stop = await startJobWorkers(database.sql, kind === "embedded", {
      workers: [],
      cron: [{ queue: "support.timers-sweep", cron: "* * * * *" }],
    });
    await stop();
    expect(await database.jobs.getSchedules()).toMatchObject([
      { name: "support.timers-sweep", cron: "* * * * *", timezone: "UTC" },
    ]);
    const stopAgain = await startJobWorkers(database.sql, kind === "embedded", { workers: [], cron: [] });
    await stopAgain();
    expect(await database.jobs.getSchedules()).toEqual([]);
  });
});

import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createLocalBus, createPostgresBus, type NotificationBus } from "@/lib/events/bus";
import { createStreamRegistry, type StreamRegistry } from "./active-streams";

/**
 * Two "instances": each has its own bus connection and its own registry, as two server processes
 * would. On PGlite there is one process, so both share the in-process bus.
 */
async function twoInstances(kind: "pglite" | "postgres") {
  const channel = `ingat_test_${randomBytes(4).toString("hex")}`;
  const url = process.env.TEST_DATABASE_URL;
  let buses: NotificationBus[];
  if (kind === "postgres" && url) {
    buses = [await createPostgresBus(url, { channel }), await createPostgresBus(url, { channel })];
  } else {
    const shared = createLocalBus();
    buses = [shared, shared];
  }
  const [a, b] = buses.map(createStreamRegistry) as [StreamRegistry, StreamRegistry];
  return {
    a,
    b,
    async close() {
      a.close();
      b.close();
      await Promise.all([...new Set(buses)].map((bus) => bus.close()));
    },
  };
}

const aborted = (controller: AbortController) =>
  new Promise<void>((resolve) => {
    if (controller.signal.aborted) resolve();
    controller.signal.addEventListener("abort", () => resolve(), { once: true });
  });

const kinds: ("pglite" | "postgres")[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

for (const kind of kinds) {
  describe(`Stop across instances [${kind}]`, () => {
    let close: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await close?.();
      close = undefined;
    });

    it("Stop sent to instance B stops the reply streaming on instance A", async () => {
      const instances = await twoInstances(kind);
      close = instances.close;
      const userId = randomUUID();
      const chatId = randomUUID();
      const reply = instances.a.register(userId, chatId);

      expect(await instances.b.stop(userId, chatId)).toBe(false); // B does not hold it
      await expect(
        Promise.race([
          aborted(reply),
          new Promise((_, reject) => setTimeout(() => reject(new Error("not stopped")), 3000)),
        ]),
      ).resolves.toBeUndefined();
    });

    it("stops only the user's own chat", async () => {
      const instances = await twoInstances(kind);
      close = instances.close;
      const owner = randomUUID();
      const chatId = randomUUID();
      const otherChat = instances.a.register(owner, randomUUID());
      const reply = instances.a.register(owner, chatId);

      await instances.b.stop(randomUUID(), chatId); // someone else naming the chat
      await instances.b.stop(owner, chatId);
      await aborted(reply);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(otherChat.signal.aborted).toBe(false);
    });

    it("a reply held by the instance that gets Stop stops at once", async () => {
      const instances = await twoInstances(kind);
      close = instances.close;
      const userId = randomUUID();
      const chatId = randomUUID();
      const reply = instances.a.register(userId, chatId);
      expect(await instances.a.stop(userId, chatId)).toBe(true);
      expect(reply.signal.aborted).toBe(true);
    });
  });
}

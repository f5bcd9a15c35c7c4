import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { checkCredentials, registerAccount, registrationSchema } from "./credentials";

describeWithDatabase("accounts", (getDb) => {
  it("stores only an Argon2 hash of the password", async () => {
    const user = await registerAccount(getDb(), {
      email: "ana@example.com",
      password: "correct horse",
    });
    const [row] = await getDb()
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, user.id));
    const stored = row?.passwordHash ?? "";
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(stored).not.toContain("correct horse");
  });

  it("signs in with the right password, whatever the email's case", async () => {
    await registerAccount(getDb(), { email: "Budi@Example.com", password: "s3cret-pass" });
    const user = await checkCredentials(getDb(), {
      email: "budi@example.COM",
      password: "s3cret-pass",
    });
    expect(user?.email).toBe("Budi@Example.com");
  });

  it("refuses a wrong password and an unknown email the same way", async () => {
    await registerAccount(getDb(), { email: "citra@example.com", password: "right-password" });
    await expect(
      checkCredentials(getDb(), { email: "citra@example.com", password: "wrong-password" }),
    ).resolves.toBeNull();
    await expect(
      checkCredentials(getDb(), { email: "nobody@example.com", password: "right-password" }),
    ).resolves.toBeNull();
  });

  it("refuses a second account for the same email in another case, naming the field", async () => {
    await registerAccount(getDb(), { email: "dewi@example.com", password: "password-1" });
    await expect(
      registerAccount(getDb(), { email: "DEWI@example.com", password: "password-2" }),
    ).rejects.toMatchObject({ code: "conflict", field: "email" });
  });
});

it("explains invalid registration input per field", () => {
  const result = registrationSchema.safeParse({ email: "not-an-email", password: "short" });
  expect(result.success).toBe(false);
  const fields = result.error?.issues.map((issue) => issue.path[0]);
  expect(fields).toEqual(expect.arrayContaining(["email", "password"]));
});

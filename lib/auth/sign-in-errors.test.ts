import { AuthError, CredentialsSignin } from "@auth/core/errors";
import { describe, expect, it } from "vitest";
import { isFailedSignIn } from "./sign-in-errors";

describe("isFailedSignIn", () => {
  it("recognises a wrong password, even with the class name minified", () => {
    expect(isFailedSignIn(new CredentialsSignin())).toBe(true);
    const minified = Object.assign(
      new Error("Read more at https://errors.authjs.dev#credentialssignin"),
      {
        name: "v",
        type: "CredentialsSignin",
      },
    );
    expect(isFailedSignIn(minified)).toBe(true);
  });

  it("leaves real errors to be logged", () => {
    expect(isFailedSignIn(new AuthError("boom"))).toBe(false);
    expect(isFailedSignIn(new Error("CredentialsSignin"))).toBe(false);
    expect(isFailedSignIn(null)).toBe(false);
  });
});

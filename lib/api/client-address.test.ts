import { describe, expect, it } from "vitest";
import { clientAddress, UNKNOWN_ADDRESS } from "./client-address";

const headers = (forwardedFor?: string) =>
  new Headers(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor });

describe("the client address", () => {
  it("is the connection's address when no proxy is trusted", () => {
    expect(clientAddress(headers("203.0.113.9"), 0)).toBe("203.0.113.9");
    expect(clientAddress(headers("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddress(headers("2001:DB8::1"), 0)).toBe("2001:db8::1");
  });

  it("behind proxies, is what the outermost trusted proxy saw, not what the client wrote", () => {
    // The client wrote 1.1.1.1; the one trusted proxy appended the address it saw.
    expect(clientAddress(headers("1.1.1.1, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientAddress(headers("1.1.1.1, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
    expect(clientAddress(headers("203.0.113.9"), 3)).toBe("203.0.113.9");
  });

  it("is one shared 'unknown' when there is none", () => {
    expect(clientAddress(headers(), 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(headers(" , "), 1)).toBe(UNKNOWN_ADDRESS);
  });
});

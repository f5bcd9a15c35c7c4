import { describe, expect, it } from "vitest";
import { looksLikeSecret, passesLuhn } from "./secrets";

describe("looksLikeSecret", () => {
  it.each([
    ["my password is hunter2"],
    ["Password: correct-horse-battery"],
    ["the password for my bank is Tr0ub4dor"],
    ["kata sandi saya rahasia123"],
    ["Kata sandi: mawar2024"],
    ["PIN saya 482913"],
    ["my OpenAI key is sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12"],
    ["sk-abcdefghijklmnop1234567890"],
    ["token ghp_1234567890abcdefghijABCDEFGHIJ123456"],
    ["AKIAIOSFODNN7EXAMPLE"],
    ["my api key is 9f8e7d6c5b4a"],
    ["API_KEY=abcd1234efgh5678"],
    ["use this access token: q8Xw2LmZ9pRt"],
    ["my card is 4111 1111 1111 1111"],
    ["card number 4111-1111-1111-1111"],
    ["5500005555555559"],
    ["NIK saya 3171234567890001"],
    ["3171234567890001"],
    ["my SSN is 123-45-6789"],
    ["my passport number is X1234567"],
    ["nomor paspor saya B 1234567"],
    ["IBAN DE89 3704 0044 0532 0130 00"],
    ["GB82WEST12345698765432"],
    ["Xk9fQ2mZ7pL4vN8rT1wY6bC3"],
    [
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    ],
  ])("refuses %j", (text) => {
    expect(looksLikeSecret(text)).toBe(true);
  });

  it.each([
    ["I was born in 1990"],
    ["I have 2 kids"],
    ["I run 5 km every morning"],
    ["My son is 12 and my daughter is 9"],
    ["I moved to Jakarta in 2019 and work at PT Telkom"],
    ["The meeting is at 10:30 on 2024-05-01"],
    ["I forgot my password yesterday"],
    ["I'm learning how API keys and OAuth tokens work"],
    ["I like C++ and TypeScript"],
    ["I read 1984 by Orwell"],
    ["Saya tinggal di Jakarta sejak 2015"],
    ["I work 40 hours a week for about 3000 dollars a month"],
    ["My passport expired last year"],
    ["I earn around 15000000 rupiah"],
    ["Donaudampfschifffahrtsgesellschaftskapitän"],
    ["I love the band blink-182"],
    ["My favourite number is 42"],
  ])("allows %j", (text) => {
    expect(looksLikeSecret(text)).toBe(false);
  });
});

it("checks the Luhn digit", () => {
  expect(passesLuhn("4111111111111111")).toBe(true);
  expect(passesLuhn("4111111111111112")).toBe(false);
});

/**
 * The memory page's filters on a phone (390×844), in English and in Indonesian: every choice of
 * Type, Category and Sort is readable in full, not cut to "All categ…".
 */
import { expect, type Page, test } from "@playwright/test";
import { newTestUser } from "./support/accounts";
import { addMemory } from "./support/memory-page";

/** For each filter, the options whose text does not fit the box beside its chevron. */
function cutOptions(page: Page) {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas").getContext("2d");
    if (!canvas) throw new Error("no canvas");
    const cut: string[] = [];
    for (const id of ["memory-type-filter", "memory-category-filter", "memory-sort"]) {
      const select = document.getElementById(id) as HTMLSelectElement | null;
      if (!select) throw new Error(`no ${id}`);
      const style = getComputedStyle(select);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room =
        select.clientWidth -
        Number.parseFloat(style.paddingLeft) -
        Number.parseFloat(style.paddingRight);
      for (const option of select.options) {
        if (canvas.measureText(option.text).width > room) cut.push(`${id}: ${option.text}`);
      }
    }
    return cut;
  });
}

for (const { locale, heading, password, signUp } of [
  { locale: "en-US", heading: "Memory", password: "Password", signUp: "Sign up" },
  { locale: "id-ID", heading: "Ingatan", password: "Kata sandi", signUp: "Daftar" },
]) {
  test.describe(locale, () => {
    test.use({ locale, viewport: { width: 390, height: 844 } });

    test(`on a phone every filter choice is readable in full (${locale})`, async ({ page }) => {
      const user = newTestUser("filters");
      await page.goto("/register");
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel(password).fill(user.password);
      await page.getByRole("button", { name: signUp }).click();
      await expect(page.getByTestId("signed-in-email")).toHaveText(user.email);
      await addMemory(page.request, {
        type: "fact",
        category: "location",
        topic: "city",
        detail: "Bandung",
      });
      await page.goto("/settings/memory");
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      expect(await cutOptions(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
    });
  });
}

/**
 * The main path once in Indonesian: a browser whose Accept-Language is Indonesian registers,
 * chats, sees the memory notice, edits and deletes the memory on the memory page, then switches
 * the account to English in the settings and sees English.
 */
import { expect, test } from "@playwright/test";
import { newTestUser } from "./support/accounts";
import { addMemories, word } from "./support/memory-page";
import { scriptExtraction } from "./support/mocks";

test.use({ locale: "id-ID" });

test("an Indonesian browser gets the whole main path in Indonesian, and English once chosen", async ({
  page,
}) => {
  test.slow(); // one long walk through every page
  const user = newTestUser("bahasa");
  await page.goto("/register");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("heading", { level: 1, name: "Buat akun" })).toBeVisible();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Kata sandi").fill("pendek");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByLabel("Kata sandi")).toHaveAccessibleDescription(
    /Gunakan minimal 8 karakter/,
  );
  await page.getByLabel("Kata sandi").fill(user.password);
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByTestId("signed-in-email")).toHaveText(user.email);

  // Chat: the composer, the sidebar and the memory notice speak Indonesian.
  await expect(page.getByRole("link", { name: "Obrolan baru" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Mau ngobrol soal apa?" })).toBeVisible();
  const t = word();
  await scriptExtraction(t, [
    {
      type: "fact",
      category: "work",
      topic: "job",
      detail: "bekerja sebagai perawat",
      confidence_score: 0.9,
      source_text: "Saya bekerja sebagai perawat",
      explicit: false,
    },
  ]);
  await page.getByRole("textbox", { name: "Pesan" }).fill(`Saya bekerja sebagai perawat ${t}`);
  await page.getByRole("button", { name: "Kirim", exact: true }).click();
  const reply = page.getByRole("article", { name: "Balasan Ingat" });
  await expect(reply).toContainText(t);
  const notice = page.getByTestId("memory-notice");
  await expect(notice).toContainText("Ingatan diperbarui");
  await expect(notice).toContainText("Diingat — Pekerjaan: bekerja sebagai perawat");
  await expect(notice.getByRole("button", { name: "Urungkan" })).toBeVisible();

  // The memory page: labels, dates and actions in Indonesian.
  await notice.getByRole("link", { name: "Kelola ingatan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ingatan" })).toBeVisible();
  await expect(page.getByText("Ingat mengingat 1 hal tentangmu.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Fakta" })).toBeVisible();
  const memory = page.getByRole("article", { name: "Pekerjaan" });
  await expect(memory).toContainText("bekerja sebagai perawat");
  await expect(memory).toContainText("Disimpulkan");
  const today = new Intl.DateTimeFormat("id", { dateStyle: "medium" }).format(new Date());
  await expect(memory.locator("time").first()).toHaveText(today);

  await memory.getByRole("button", { name: "Ubah Pekerjaan" }).click();
  const dialog = page.getByRole("dialog", { name: "Ubah ingatan" });
  await dialog.getByLabel("Detail").fill("bekerja sebagai dokter");
  await dialog.getByRole("button", { name: "Simpan" }).click();
  await expect(dialog).toBeHidden();
  await expect(memory).toContainText("bekerja sebagai dokter");
  await expect(memory).toContainText("Dikonfirmasi");

  // An error from the API, by its reason, in Indonesian.
  await page.getByRole("button", { name: "Tambah ingatan" }).click();
  const add = page.getByRole("dialog", { name: "Tambah ingatan" });
  await add.getByLabel("Topik").fill("   ");
  await add.getByLabel("Detail").fill("suka kopi");
  await add.getByRole("button", { name: "Tambah", exact: true }).click();
  await expect(add.getByLabel("Topik")).toHaveAccessibleDescription("Topik wajib diisi");
  await add.getByRole("button", { name: "Batal" }).click();

  await memory.getByRole("button", { name: "Hapus Pekerjaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "“Pekerjaan” dihapus." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Urungkan" })).toBeVisible();
  await expect(
    page.getByText("Apa yang diingat Ingat tentangmu akan muncul di sini."),
  ).toBeVisible();

  // Settings: choosing English switches the page, and the rest of the app, to English.
  await page.getByRole("button", { name: `Menu akun untuk ${user.email}` }).click();
  await page.getByRole("menuitem", { name: "Akun" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Akun" })).toBeVisible();
  const language = page.getByRole("combobox", { name: "Bahasa" });
  await expect(language).toHaveValue("system");
  await language.focus();
  await language.selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Language saved." })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("en");
  await expect(page.getByRole("combobox", { name: "Language" })).toBeFocused();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.goto("/");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New chat" })).toBeVisible();
  await page.goto("/settings/memory");
  await expect(page.getByRole("heading", { level: 1, name: "Memory" })).toBeVisible();

  // Signed out, the browser keeps the choice although it still asks for Indonesian.
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

test("the memory page's sort, prompt budget and Import dialog speak Indonesian", async ({
  page,
}) => {
  const user = newTestUser("impor");
  await page.goto("/register");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Kata sandi").fill(user.password);
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByTestId("signed-in-email")).toHaveText(user.email);
  await addMemories(page.request, [
    { type: "fact", category: "work", topic: "job", detail: "bekerja sebagai perawat" },
  ]);

  await page.goto("/settings/memory");
  await expect(page.getByTestId("prompt-budget")).toHaveText(
    "Semua 1 ingatanmu muat di setiap balasan.",
  );
  const sort = page.getByLabel("Urutkan");
  await sort.selectOption({ label: "Paling sering dipakai" });
  await expect(page).toHaveURL(/sort=most_used/);
  await expect(
    page.getByRole("heading", { level: 2, name: "Paling sering dipakai" }),
  ).toBeVisible();

  await page.getByRole("button", { name: "Impor", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Impor ingatan" });
  await dialog.getByLabel("File ekspor", { exact: true }).setInputFiles({
    name: "rusak.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"memories": ['),
  });
  await dialog.getByRole("button", { name: "Pratinjau" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(
    "File ini bukan JSON yang valid. Pilih file yang diunduh lewat Ekspor di Ingat.",
  );
  await expect(dialog.getByLabel("Teks dari asisten lain")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Sarankan ingatan" })).toBeVisible();
});

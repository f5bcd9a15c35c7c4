import { expect, test } from "@playwright/test";
import { newTestUser, register } from "./support/accounts";
import { ChatPage, expectFocusKept } from "./support/chat-page";
import { word } from "./support/memory-page";
import { marker, scriptExtraction } from "./support/mocks";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test("on a phone, Chats opens the sidebar as a dialog with every action", async ({ page }) => {
  await register(page, newTestUser("phone"));
  const chat = new ChatPage(page);
  const first = marker("first");
  await chat.sendAndWait(`Weekend hiking plan ${first}`);

  const chatsButton = page.getByRole("button", { name: "Chats" });
  await expect(chatsButton).toBeVisible();
  await chatsButton.click();
  const dialog = page.getByRole("dialog", { name: "Chats" });
  await expect(dialog).toBeVisible();

  // New chat from the dialog: it closes, an empty chat is open, focus is on the composer.
  await dialog.getByRole("link", { name: "New chat" }).click();
  await expect(dialog).toBeHidden();
  await expect(chat.messages).toHaveCount(0);
  await expect(chat.composer).toBeFocused();
  const second = marker("second");
  await chat.sendAndWait(`Bread recipe ${second}`);

  // Open an earlier chat.
  await chatsButton.click();
  await dialog.getByRole("link", { name: `Weekend hiking plan ${first}` }).click();
  await expect(dialog).toBeHidden();
  await expect(chat.userMessages.first()).toContainText(first);
  await expectFocusKept(page);

  // Search.
  await chatsButton.click();
  await dialog.getByRole("searchbox", { name: "Search chats" }).fill(second);
  await dialog
    .getByRole("link", { name: new RegExp(`Bread recipe ${second}`) })
    .first()
    .click();
  await expect(dialog).toBeHidden();
  await expect(chat.userMessages.first()).toContainText(second);

  // Rename.
  await chatsButton.click();
  await dialog.getByRole("button", { name: `Options for chat Bread recipe ${second}` }).click();
  await page.getByRole("menuitem", { name: "Rename" }).click();
  await page.getByLabel("Title").fill(`Sourdough ${second}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("link", { name: `Sourdough ${second}` })).toBeVisible();

  // Delete.
  await dialog.getByRole("button", { name: `Options for chat Sourdough ${second}` }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(dialog.getByRole("link", { name: `Sourdough ${second}` })).toHaveCount(0);
  await expect(page.getByRole("alertdialog")).toHaveCount(0);

  // Escape closes the dialog and focus goes back to the Chats button.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(chatsButton).toBeFocused();
});

test("on a phone the composer and the memory notice fit the screen", async ({ page }) => {
  await register(page, newTestUser("phone"));
  const chat = new ChatPage(page);
  const t = word();
  await scriptExtraction(t, [
    {
      type: "interest",
      category: "hobbies",
      topic: "climbing",
      detail: "loves climbing",
      confidence_score: 0.9,
      source_text: "I love climbing",
      explicit: false,
    },
  ]);
  await expect(chat.composer).toBeInViewport();
  const send = page.getByRole("button", { name: "Send", exact: true });
  await chat.composer.fill(`I love climbing ${t}`);
  await expect(send).toBeInViewport();
  await send.click();
  const notice = page.getByTestId("memory-notice");
  await expect(notice).toContainText("Memory updated");
  await expect(notice).toBeInViewport();
  const box = await notice.boundingBox();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
  // Nothing is wider than the screen (no sideways scrolling).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expect(chat.composer).toBeInViewport();
});

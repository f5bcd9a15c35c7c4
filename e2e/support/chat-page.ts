/** Page object for the chat screen. */
import { expect, type Locator, type Page } from "@playwright/test";

export class ChatPage {
  constructor(readonly page: Page) {}

  get composer(): Locator {
    return this.page.getByRole("textbox", { name: "Message" });
  }

  get messages(): Locator {
    return this.page.getByTestId("message");
  }

  get assistantMessages(): Locator {
    return this.page.locator('[data-testid="message"][data-role="assistant"]');
  }

  get userMessages(): Locator {
    return this.page.locator('[data-testid="message"][data-role="user"]');
  }

  /** The sidebar (desktop) or, on a phone, the Chats dialog once opened. */
  get sidebar(): Locator {
    return this.page.getByRole("navigation", { name: "Chats" });
  }

  async open(): Promise<void> {
    await this.page.goto("/");
    await expect(this.composer).toBeVisible();
  }

  /** Clicks the sidebar's New chat, as a person starts a second conversation. */
  async newChat(): Promise<void> {
    await this.sidebar.getByRole("link", { name: "New chat" }).click();
    await expect(this.messages).toHaveCount(0);
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.page.getByRole("button", { name: "Send", exact: true }).click();
  }

  /** Sends and waits until the reply has finished streaming. */
  async sendAndWait(text: string): Promise<void> {
    const replies = await this.assistantMessages.count();
    await this.send(text);
    await expect(this.assistantMessages).toHaveCount(replies + 1);
    await expect(this.page.getByRole("button", { name: "Send", exact: true })).toBeVisible();
  }

  chatId(): string {
    const match = /\/chat\/([0-9a-f-]{36})/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`not on a chat page: ${this.page.url()}`);
    return match[1];
  }
}

/** Fails when keyboard focus fell back to <body> (an action removed the focused control). */
export async function expectFocusKept(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName ?? "none"))
    .not.toMatch(/^(BODY|none)$/);
}

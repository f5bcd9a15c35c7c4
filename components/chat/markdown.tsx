import type { Element, ElementContent } from "hast";
import { ImageIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { CodeBlock } from "./code-block";

/**
 * A reply rendered as Markdown. Raw HTML in the text is shown as text, never rendered. Replies
 * never load anything from elsewhere: an image from another origin becomes a link naming its
 * host (a remote image would tell that host who read the reply, and when).
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}

const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
  img: ({ src, alt }) => <ReplyImage src={typeof src === "string" ? src : ""} alt={alt ?? ""} />,
  pre: ({ node }) => {
    const code = node?.children.find(
      (child): child is Element => child.type === "element" && child.tagName === "code",
    );
    return <CodeBlock code={textOf(code).replace(/\n$/, "")} language={languageOf(code)} />;
  },
};

/** Paths on this app ("/…", not "//host/…") are the only image sources loaded. */
export function isOwnOrigin(src: string): boolean {
  return src.startsWith("/") && !src.startsWith("//") && !src.startsWith("/\\");
}

function ReplyImage({ src, alt }: { src: string; alt: string }) {
  const t = useTranslations("Chat");
  // biome-ignore lint/performance/noImgElement: a same-origin image in a reply, no optimisation needed
  if (isOwnOrigin(src)) return <img src={src} alt={alt} loading="lazy" className="max-w-full" />;
  const host = hostOf(src);
  const label = t("image", { alt: alt || t("untitledImage") });
  if (!host) return <span className="text-muted-foreground">[{label}]</span>;
  return (
    <a
      href={src}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="inline-flex items-center gap-1"
    >
      <ImageIcon aria-hidden className="size-4" />
      {label} ({host})
    </a>
  );
}

function hostOf(src: string): string | null {
  try {
    const url = new URL(src);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host : null;
  } catch {
    return null;
  }
}

function textOf(node: ElementContent | Element | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map((child) => textOf(child)).join("");
  return "";
}

function languageOf(code: Element | undefined): string {
  const className = code?.properties?.className;
  const classes = Array.isArray(className) ? className.map(String) : [];
  const language = classes.find((name) => name.startsWith("language-"));
  return language ? language.slice("language-".length) : "";
}

import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import {
  API_CONTENT_SECURITY_POLICY,
  COMMON_SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
} from "./lib/security/headers";

const headerList = (headers: Record<string, string>) =>
  Object.entries(headers).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-pgvector"],
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: headerList(COMMON_SECURITY_HEADERS) },
      // Pages get theirs, with a nonce, from proxy.ts.
      {
        source: "/api/:path*",
        headers: headerList({ "Content-Security-Policy": API_CONTENT_SECURITY_POLICY }),
      },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: headerList({ "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY }),
      },
    ];
  },
};

export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);

import { fileURLToPath } from "node:url";

/** The floor app resolves Next, React and the AI SDK from the repository's node_modules. */
const nextConfig = {
  poweredByHeader: false,
  turbopack: { root: fileURLToPath(new URL("../..", import.meta.url)) },
};

export default nextConfig;

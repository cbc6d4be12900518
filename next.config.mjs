/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native, WASM and worker-heavy server packages are loaded by Node, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@cedar-policy/cedar-wasm",
    "@prisma/adapter-pg",
    "pg",
    "pg-boss",
    "pino",
    "graphene-pk11",
    "pkcs11js",
  ],
  experimental: { authInterrupts: true },
  outputFileTracingIncludes: { "/**": ["./platform/policy/policies/**", "./prisma/migrations/**", "./config/**"] },
  async rewrites() {
    return [
      { source: "/.well-known/jwks.json", destination: "/api/v1/audit/jwks" },
      { source: "/.well-known/trust.json", destination: "/api/v1/trust" },
      { source: "/schemas/attestation/residency/v1.json", destination: "/api/v1/schemas/attestation/residency/v1" },
    ];
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;

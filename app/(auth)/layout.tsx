export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="font-semibold text-2xl tracking-tight">Ingat</p>
          <p className="text-muted-foreground text-sm">The assistant that remembers you.</p>
        </div>
        {children}
      </div>
    </main>
  );
}

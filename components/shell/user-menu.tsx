"use client";

import { Brain, ChevronDown, LogOut, ShieldCheck, UserRound } from "lucide-react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { THEMES, type Theme } from "@/components/account/theme";
import { useTheme } from "@/components/account/use-theme";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export function UserMenu({ email, isAdmin }: { email: string; isAdmin: boolean }) {
  const t = useTranslations("Shell");
  const [theme, setTheme] = useTheme();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={t("accountMenu", { email })}>
          <span data-testid="signed-in-email" className="max-w-48 truncate">
            {email}
          </span>
          <ChevronDown aria-hidden className="size-4" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DropdownMenuLabel className="truncate font-normal text-muted-foreground text-xs">
          {email}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {/* No prefetch: it would start as the menu opens, just before a click on Sign out, and
            its response re-sets the session cookie (Auth.js refreshes it on every page
            request) after sign-out cleared it, leaving the user signed in. */}
        <DropdownMenuItem asChild>
          <Link href="/settings/memory" prefetch={false}>
            <Brain aria-hidden className="size-4" />
            {t("memory")}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/settings/account" prefetch={false}>
            <UserRound aria-hidden className="size-4" />
            {t("account")}
          </Link>
        </DropdownMenuItem>
        {isAdmin ? (
          <DropdownMenuItem asChild>
            <Link href="/admin" prefetch={false}>
              <ShieldCheck aria-hidden className="size-4" />
              {t("admin")}
            </Link>
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuSeparator />
        <DropdownMenuLabel id="user-menu-theme">{t("theme")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          aria-labelledby="user-menu-theme"
          value={theme}
          onValueChange={(value) => setTheme(value as Theme)}
        >
          {THEMES.map((option) => (
            <DropdownMenuRadioItem key={option} value={option}>
              {t(`themes.${option}`)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          onSelect={() => {
            void signOut({ redirectTo: "/login" });
          }}
        >
          <LogOut aria-hidden className="size-4" />
          {t("signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

import {
  BadgeCheck,
  ChartColumn,
  Building,
  Building2,
  ClipboardCheck,
  Signature,
  Globe,
  KeyRound,
  LayoutDashboard,
  LifeBuoy,
  MessageSquareWarning,
  Package,
  Plug,
  Scale,
  ScrollText,
  Settings,
  ShieldCheck,
  UserCheck,
  Workflow,
  type LucideIcon,
} from "lucide-react";

const ICONS: Record<string, LucideIcon> = {
  "layout-dashboard": LayoutDashboard,
  globe: Globe,
  workflow: Workflow,
  "key-round": KeyRound,
  scale: Scale,
  building: Building,
  "building-2": Building2,
  "badge-check": BadgeCheck,
  package: Package,
  "life-buoy": LifeBuoy,
  "message-square-warning": MessageSquareWarning,
  "scroll-text": ScrollText,
  "clipboard-check": ClipboardCheck,
  "shield-check": ShieldCheck,
  plug: Plug,
  settings: Settings,
  "file-signature": Signature,
  "user-check": UserCheck,
  "chart-column": ChartColumn,
};

export function NavIcon({ name }: { name: string }) {
  const Icon = ICONS[name] ?? LayoutDashboard;
  return <Icon aria-hidden className="size-4 shrink-0" />;
}

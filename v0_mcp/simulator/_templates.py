"""Source templates of the Next.js files the simulator generates.

Tokens written ``__LIKE_THIS__`` are replaced by :mod:`._generate`; text that comes from
a prompt is inserted as a JSON string literal, which is also a valid JS string, so a
prompt can never break the syntax of a file.
"""

from __future__ import annotations

from typing import Final

__all__ = ["COMPONENTS", "DEFAULT_FILES", "GLOBALS_CSS", "LAYOUT", "PAGE", "SECTION"]

PAGE: Final = """\
__IMPORTS__

// Generated from the prompt below.
const prompt = __PROMPT__

export default function Page() {
  return (
    <main className="min-h-screen bg-background text-foreground">
      <Hero title={__TITLE__} subtitle={prompt} />
__ELEMENTS__
    </main>
  )
}
"""

LAYOUT: Final = """\
import type React from "react"
import type { Metadata } from "next"
import "./globals.css"

export const metadata: Metadata = {
  title: __TITLE__,
  description: __PROMPT__,
}

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="antialiased">{children}</body>
    </html>
  )
}
"""

GLOBALS_CSS: Final = """\
@import "tailwindcss";

:root {
  --background: #ffffff;
  --foreground: #0a0a0a;
  --muted-foreground: #737373;
}

@theme inline {
  --color-background: var(--background);
  --color-foreground: var(--foreground);
  --color-muted-foreground: var(--muted-foreground);
}

body {
  font-family: ui-sans-serif, system-ui, sans-serif;
}
"""

HERO: Final = """\
type HeroProps = {
  title: string
  subtitle: string
}

export function Hero({ title, subtitle }: HeroProps) {
  return (
    <section className="mx-auto flex max-w-4xl flex-col items-center gap-6 px-6 py-24 text-center">
      <h1 className="text-balance text-5xl font-bold tracking-tight text-__ACCENT__-600">{title}</h1>
      <p className="text-pretty text-lg text-muted-foreground">{subtitle}</p>
      <div className="flex gap-3">
        <a href="#start" className="rounded-lg bg-__ACCENT__-600 px-5 py-3 font-medium text-white">
          {__CTA__}
        </a>
        <a href="#more" className="rounded-lg border px-5 py-3 font-medium">
          Learn more
        </a>
      </div>
    </section>
  )
}
"""

FEATURE_GRID: Final = """\
const features = __ITEMS__

export function FeatureGrid() {
  return (
    <section id="more" className="mx-auto grid max-w-5xl gap-6 px-6 pb-24 sm:grid-cols-3">
      {features.map((feature) => (
        <div key={feature.title} className="rounded-xl border p-6 shadow-sm">
          <h3 className="font-semibold text-__ACCENT__-700">{feature.title}</h3>
          <p className="mt-2 text-sm text-muted-foreground">{feature.description}</p>
        </div>
      ))}
    </section>
  )
}
"""

PRICING_TABLE: Final = """\
const tiers = __ITEMS__

export function PricingTable() {
  return (
    <section className="mx-auto grid max-w-5xl gap-6 px-6 pb-24 md:grid-cols-3">
      {tiers.map((tier) => (
        <div key={tier.name} className="flex flex-col rounded-2xl border p-8">
          <h3 className="text-lg font-semibold">{tier.name}</h3>
          <p className="mt-4 text-4xl font-bold text-__ACCENT__-600">${tier.price}</p>
          <p className="text-sm text-muted-foreground">per month</p>
          <ul className="mt-6 space-y-2 text-sm">
            {tier.perks.map((perk) => (
              <li key={perk}>{perk}</li>
            ))}
          </ul>
          <button className="mt-8 rounded-lg bg-__ACCENT__-600 px-4 py-2 text-white">Choose {tier.name}</button>
        </div>
      ))}
    </section>
  )
}
"""

STATS_CARDS: Final = """\
const stats = __ITEMS__

export function StatsCards() {
  return (
    <section className="mx-auto grid max-w-5xl gap-4 px-6 pb-24 sm:grid-cols-2 lg:grid-cols-4">
      {stats.map((stat) => (
        <div key={stat.label} className="rounded-xl border p-5">
          <p className="text-sm text-muted-foreground">{stat.label}</p>
          <p className="mt-2 text-3xl font-semibold">{stat.value}</p>
          <p className="mt-1 text-xs text-__ACCENT__-600">{stat.change}</p>
        </div>
      ))}
    </section>
  )
}
"""

CONTACT_FORM: Final = """\
"use client"

import { useState } from "react"

export function ContactForm() {
  const [email, setEmail] = useState("")
  const [sent, setSent] = useState(false)

  if (sent) {
    return <p className="px-6 pb-24 text-center text-__ACCENT__-600">Thanks, we will be in touch at {email}.</p>
  }

  return (
    <form
      id="start"
      className="mx-auto flex max-w-md flex-col gap-3 px-6 pb-24"
      onSubmit={(event) => {
        event.preventDefault()
        setSent(true)
      }}
    >
      <label htmlFor="email" className="text-sm font-medium">
        Email
      </label>
      <input
        id="email"
        type="email"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        className="rounded-lg border px-3 py-2"
      />
      <button type="submit" className="rounded-lg bg-__ACCENT__-600 px-4 py-2 text-white">
        {__CTA__}
      </button>
    </form>
  )
}
"""

TODO_LIST: Final = """\
"use client"

import { useState } from "react"

type Todo = { id: number; text: string; done: boolean }

const initialTodos: Todo[] = __ITEMS__

export function TodoList() {
  const [todos, setTodos] = useState(initialTodos)
  const [draft, setDraft] = useState("")

  function addTodo() {
    if (!draft.trim()) return
    setTodos([...todos, { id: Date.now(), text: draft.trim(), done: false }])
    setDraft("")
  }

  return (
    <section className="mx-auto max-w-md px-6 pb-24">
      <div className="flex gap-2">
        <input
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          className="flex-1 rounded-lg border px-3 py-2"
        />
        <button onClick={addTodo} className="rounded-lg bg-__ACCENT__-600 px-4 py-2 text-white">
          Add
        </button>
      </div>
      <ul className="mt-4 space-y-2">
        {todos.map((todo) => (
          <li key={todo.id} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={todo.done}
              onChange={() => setTodos(todos.map((t) => (t.id === todo.id ? { ...t, done: !t.done } : t)))}
            />
            <span className={todo.done ? "line-through text-muted-foreground" : ""}>{todo.text}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
"""

POST_LIST: Final = """\
const posts = __ITEMS__

export function PostList() {
  return (
    <section className="mx-auto max-w-3xl divide-y px-6 pb-24">
      {posts.map((post) => (
        <article key={post.slug} className="py-6">
          <p className="text-xs uppercase tracking-wide text-__ACCENT__-600">{post.date}</p>
          <h3 className="mt-1 text-xl font-semibold">{post.title}</h3>
          <p className="mt-2 text-muted-foreground">{post.excerpt}</p>
        </article>
      ))}
    </section>
  )
}
"""

SECTION: Final = """\
export function __NAME__() {
  return (
    <section className="mx-auto max-w-4xl px-6 py-16">
      <h2 className="text-3xl font-semibold tracking-tight">{__HEADING__}</h2>
      <p className="mt-4 text-muted-foreground">{__REQUEST__}</p>
    </section>
  )
}
"""

COMPONENTS: Final[dict[str, tuple[str, str, str]]] = {
    # kind: (path, exported name, template)
    "hero": ("components/hero.tsx", "Hero", HERO),
    "features": ("components/feature-grid.tsx", "FeatureGrid", FEATURE_GRID),
    "pricing": ("components/pricing-table.tsx", "PricingTable", PRICING_TABLE),
    "dashboard": ("components/stats-cards.tsx", "StatsCards", STATS_CARDS),
    "form": ("components/contact-form.tsx", "ContactForm", CONTACT_FORM),
    "todo": ("components/todo-list.tsx", "TodoList", TODO_LIST),
    "blog": ("components/post-list.tsx", "PostList", POST_LIST),
}

DEFAULT_FILES: Final[dict[str, str]] = {
    "package.json": """\
{
  "name": "__SLUG__",
  "version": "0.1.0",
  "private": true,
  "scripts": {
    "dev": "next dev",
    "build": "next build",
    "start": "next start",
    "lint": "next lint"
  },
  "dependencies": {
    "next": "15.2.4",
    "react": "^19",
    "react-dom": "^19"
  },
  "devDependencies": {
    "@tailwindcss/postcss": "^4",
    "@types/node": "^22",
    "@types/react": "^19",
    "@types/react-dom": "^19",
    "tailwindcss": "^4",
    "typescript": "^5"
  }
}
""",
    "tsconfig.json": """\
{
  "compilerOptions": {
    "target": "ES2017",
    "lib": ["dom", "dom.iterable", "esnext"],
    "allowJs": true,
    "skipLibCheck": true,
    "strict": true,
    "noEmit": true,
    "esModuleInterop": true,
    "module": "esnext",
    "moduleResolution": "bundler",
    "resolveJsonModule": true,
    "isolatedModules": true,
    "jsx": "preserve",
    "incremental": true,
    "plugins": [{ "name": "next" }],
    "paths": { "@/*": ["./*"] }
  },
  "include": ["next-env.d.ts", "**/*.ts", "**/*.tsx", ".next/types/**/*.ts"],
  "exclude": ["node_modules"]
}
""",
    "next.config.mjs": """\
/** @type {import('next').NextConfig} */
const nextConfig = {
  images: { unoptimized: true },
}

export default nextConfig
""",
    "postcss.config.mjs": """\
const config = {
  plugins: { "@tailwindcss/postcss": {} },
}

export default config
""",
}

import type { ReactNode } from 'react'
import type { RichTextJson } from '@hononga/shared'

/**
 * Renders rich text (ProseMirror JSON, as the server sends it) read-only, as React elements:
 * nothing is ever injected as HTML. Unknown node types render their children.
 */
export function RichTextView({ value, className }: { value: RichTextJson; className?: string }) {
  return <div className={['rich-text-view', className].filter(Boolean).join(' ')}>{renderChildren(value.content)}</div>
}

export function isEmptyRichText(value: RichTextJson): boolean {
  const text = (node: RichTextJson): string => (node.text ?? '') + (node.content ?? []).map(text).join('')
  return text(value).trim() === ''
}

function renderChildren(nodes: RichTextJson[] | undefined): ReactNode {
  return (nodes ?? []).map((node, index) => renderNode(node, index))
}

function renderNode(node: RichTextJson, key: number): ReactNode {
  const children = renderChildren(node.content)
  switch (node.type) {
    case 'text':
      return renderMarks(node.text ?? '', node.marks ?? [], key)
    case 'paragraph':
      return <p key={key}>{children}</p>
    case 'heading': {
      const level = Number(node.attrs?.level ?? 3)
      return level <= 2 ? <h3 key={key}>{children}</h3> : <h4 key={key}>{children}</h4>
    }
    case 'bulletList':
      return <ul key={key}>{children}</ul>
    case 'orderedList':
      return <ol key={key}>{children}</ol>
    case 'listItem':
      return <li key={key}>{children}</li>
    case 'blockquote':
      return <blockquote key={key}>{children}</blockquote>
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children}</code>
        </pre>
      )
    case 'hardBreak':
      return <br key={key} />
    case 'horizontalRule':
      return <hr key={key} />
    default:
      return <span key={key}>{children}</span>
  }
}

function renderMarks(text: string, marks: { type: string; attrs?: Record<string, unknown> }[], key: number): ReactNode {
  let out: ReactNode = text
  for (const mark of marks) {
    switch (mark.type) {
      case 'bold':
        out = <strong>{out}</strong>
        break
      case 'italic':
        out = <em>{out}</em>
        break
      case 'underline':
        out = <u>{out}</u>
        break
      case 'strike':
        out = <s>{out}</s>
        break
      case 'code':
        out = <code>{out}</code>
        break
      case 'link': {
        const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : ''
        // Only ordinary web and mail links are followed; anything else stays text.
        out = /^(https?:|mailto:)/i.test(href) ? (
          <a href={href} rel="noopener noreferrer nofollow" target="_blank">
            {out}
          </a>
        ) : (
          out
        )
        break
      }
    }
  }
  return <span key={key}>{out}</span>
}

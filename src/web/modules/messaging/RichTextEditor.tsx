import { EditorContent, useEditor, useEditorState } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useTranslation } from 'react-i18next'

/**
 * The body's editor (Tiptap over ProseMirror): paragraphs, bold, italic, lists, quotes, links. Its
 * toolbar buttons say their state (`aria-pressed`); the server sanitises whatever it receives anyway.
 */
export function RichTextEditor({
  initialHtml,
  onChange,
  labelId,
}: {
  initialHtml: string
  onChange: (html: string) => void
  labelId: string
}) {
  const { t } = useTranslation()
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        codeBlock: false,
        code: false,
        link: { openOnClick: false },
      }),
    ],
    content: initialHtml,
    immediatelyRender: true,
    editorProps: {
      attributes: {
        class: 'editor__content field__input',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? '' : current.getHTML()),
  })
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
    }),
  })
  const tools = [
    { key: 'bold', label: t('messaging.editor.bold'), run: () => editor.chain().focus().toggleBold().run() },
    {
      key: 'italic',
      label: t('messaging.editor.italic'),
      run: () => editor.chain().focus().toggleItalic().run(),
    },
    {
      key: 'bulletList',
      label: t('messaging.editor.bulletList'),
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      key: 'orderedList',
      label: t('messaging.editor.orderedList'),
      run: () => editor.chain().focus().toggleOrderedList().run(),
    },
    {
      key: 'blockquote',
      label: t('messaging.editor.quote'),
      run: () => editor.chain().focus().toggleBlockquote().run(),
    },
  ] as const
  return (
    <div className="editor">
      <div role="toolbar" aria-label={t('messaging.editor.toolbar')} className="editor__toolbar">
        {tools.map((tool) => (
          <button
            key={tool.key}
            type="button"
            className="editor__tool"
            aria-pressed={state[tool.key]}
            onClick={tool.run}
          >
            {tool.label}
          </button>
        ))}
      </div>
      <EditorContent editor={editor} />
    </div>
  )
}

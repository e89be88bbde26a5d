import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ELF, HTML, PDF, PNG, SVG, TEXT } from './blob-test-kit.ts'
import { checkContent, cleanFileName, DEFAULT_ALLOWED_TYPES, sniffContentType } from './content-types.ts'
import { blobHeaders, parseRange } from './serve.ts'

let folder: string
beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'preau-sniff-'))
})
afterAll(async () => {
  await fs.rm(folder, { recursive: true, force: true })
})

async function fileWith(content: Buffer): Promise<string> {
  const file = path.join(folder, `${Math.random().toString(36).slice(2)}.part`)
  await fs.writeFile(file, content)
  return file
}

const check = async (content: Buffer, fileName: string, allowed = DEFAULT_ALLOWED_TYPES) =>
  checkContent(await fileWith(content), content.length, fileName, allowed)

describe('sniffing', () => {
  it.each([
    ['a PNG', PNG, 'x', 'image/png'],
    ['a PDF', PDF, 'x', 'application/pdf'],
    ['an ELF executable', ELF, 'x', 'application/x-elf'],
    ['an HTML page', HTML, 'x', 'text/html'],
    ['an SVG with its XML prolog', SVG, 'x', 'image/svg+xml'],
    [
      'an SVG without prolog',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
      'x',
      'image/svg+xml',
    ],
    ['HTML after a BOM and spaces', Buffer.from('\uFEFF  <html><p>bonjour</p></html>'), 'x', 'text/html'],
    ['a script', Buffer.from('#!/usr/bin/env python3\nprint(1)\n'), 'x', 'text/x-shellscript'],
    ['XML', Buffer.from('<?xml version="1.0"?><note>sortie</note>'), 'x', 'application/xml'],
    ['text', TEXT, 'mot.txt', 'text/plain'],
    ['a Windows-1252 CSV', Buffer.from('nom;prénom\nMartin;Léa\n', 'latin1'), 'classe.csv', 'text/csv'],
    ['unknown binary', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff]), 'x', 'application/octet-stream'],
  ])('tells %s', async (_label, content, fileName, expected) => {
    expect(await sniffContentType(await fileWith(content), fileName)).toBe(expected)
  })

  it('accepts every usual extension of a type, in any case', async () => {
    expect(await check(PNG, 'PHOTO.PNG')).toBe('image/png')
    expect(await check(PDF, 'Circulaire.Pdf')).toBe('application/pdf')
    expect(await check(PNG, 'sans-extension')).toBe('image/png')
    expect(await check(TEXT, 'notes.json')).toBe('text/plain')
  })

  it('refuses by extension what a browser or a computer would run, whatever the bytes', async () => {
    for (const name of ['outil.exe', 'script.js', 'page.htm', 'lanceur.bat', 'a.svg', 'lien.lnk']) {
      await expect(check(TEXT, name)).rejects.toMatchObject({ status: 415, code: 'dangerous-file' })
    }
  })

  it('names the accepted types when one is refused', async () => {
    await expect(check(PDF, 'a.pdf', ['image/png', 'image/jpeg'])).rejects.toMatchObject({
      status: 415,
      message: 'Ce type de fichier n’est pas accepté ici (fichiers acceptés : .png, .jpg).',
    })
  })
})

describe('file names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\léa\\Bulletin.pdf', 'Bulletin.pdf'],
    ['  rapport\u0000\u0007 final.pdf ', 'rapport final.pdf'],
    ['Cafe\u0301.txt', 'Café.txt'],
    ['', 'fichier'],
    ['..', 'fichier'],
    [undefined, 'fichier'],
  ])('cleans %j into %j', (raw, cleaned) => {
    expect(cleanFileName(raw)).toBe(cleaned)
  })

  it('shortens a long name to 255 characters, keeping its extension', () => {
    const cleaned = cleanFileName(`${'é'.repeat(300)}.docx`)
    expect(cleaned).toHaveLength(255)
    expect(cleaned.endsWith('é.docx')).toBe(true)
  })
})

describe('serving', () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-500', 100, { start: 0, end: 99 }],
    ['bytes=50-500', 100, { start: 50, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=0-1,5-6', 100, null],
    ['bytes=9-3', 100, null],
    ['items=0-1', 100, null],
    [undefined, 100, null],
  ])('reads the range %j of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected)
  })

  it('gives a name with an extension to a blob uploaded without one', () => {
    const blob = {
      id: '0190a1b2-0000-7000-8000-000000000000',
      sha256: 'a'.repeat(64),
      size: 3,
      contentType: 'application/pdf',
      fileName: 'convocation',
      createdAt: new Date(),
      createdBy: null,
    }
    expect(blobHeaders(blob)['content-disposition']).toBe('attachment; filename=convocation.pdf')
    expect(blobHeaders(blob, { inline: true })['content-disposition']).toBe(
      'inline; filename=convocation.pdf',
    )
    expect(blobHeaders({ ...blob, contentType: 'text/plain' }, { inline: true })['content-disposition']).toBe(
      'attachment; filename=convocation.txt',
    )
  })
})

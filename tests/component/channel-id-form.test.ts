import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ChannelIdForm from '../../src/components/channel/ChannelIdForm.vue'

describe('ChannelIdForm', () => {
  it('emits a valid, trimmed channel ID', async () => {
    const w = mount(ChannelIdForm)
    await w.get('[data-testid="channel-input"]').setValue('  abcdef12_-XY  ')
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toEqual([['abcdef12_-XY']])
  })

  it.each(['abcdef12_-XY.', 'abcdef12_-XY,', 'abcdef12_-XY;', 'abcdef12_-XY)', 'abcdef12_-XY).', ' abcdef12_-XY.\n'])(
    'accepts %j, pasted from a sentence, without the trailing punctuation',
    async (pasted) => {
      const w = mount(ChannelIdForm)
      await w.get('[data-testid="channel-input"]').setValue(pasted)
      await w.get('form').trigger('submit')
      expect(w.emitted('submit')).toEqual([['abcdef12_-XY']])
    },
  )

  it.each([
    ['', 'Enter the payment channel ID'],
    ['abcdef12(', 'only letters, digits'],
    ['.abcdef12', 'only letters, digits'],
    ['short', 'at least 8 characters'],
    ['a'.repeat(129), 'at most 128 characters'],
    ['abc def 1234', 'only letters, digits'],
    ['<script>x</script>', 'only letters, digits'],
  ])('refuses %j with a clear message', async (value, message) => {
    const w = mount(ChannelIdForm)
    await w.get('[data-testid="channel-input"]').setValue(value)
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toBeUndefined()
    expect(w.get('[role="alert"]').text()).toContain(message)
    expect(w.get('[data-testid="channel-input"]').attributes('aria-invalid')).toBe('true')
  })

  it('starts with the value it is given and has a label', () => {
    const w = mount(ChannelIdForm, { props: { initial: 'bad id!' } })
    const input = w.get('[data-testid="channel-input"]')
    expect((input.element as HTMLInputElement).value).toBe('bad id!')
    expect(w.get(`label[for="${input.attributes('id')}"]`).text()).toBe('Payment channel ID')
  })
})

// The import form (/import): a file over the server's 16 MiB upload limit is stopped here, with
// the message next to the field, instead of being sent and refused.
document.addEventListener('DOMContentLoaded', () => {
  const input = document.getElementById('file');
  const note = document.getElementById('file-too-large');
  if (!input || !note) return;
  const limit = 16 * 1024 * 1024 - 16 * 1024;  // room for the form's other fields
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    const tooLarge = Boolean(file) && file.size > limit;
    note.hidden = !tooLarge;
    input.setCustomValidity(tooLarge ? note.textContent : '');
    if (tooLarge) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  });
});

// The explicit "yes, I understand" a risky action needs (force a version, restore an unverified or
// risky backup): a checkbox with its sentence; the dialog keeps OK disabled until it is ticked.
export function AcknowledgeBox(props: {
  testId: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
}) {
  return (
    <label className="inline-field">
      <input
        type="checkbox"
        data-testid={props.testId}
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}

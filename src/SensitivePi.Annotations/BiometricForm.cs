namespace SensitivePi;

/// <summary>In which form biometric data is held: GB/T 45574 §6.1 specifies templates rather than raw samples (for faces, Face Measures Art. 8).</summary>
public enum BiometricForm
{
    /// <summary>Not stated. Biometric <c>byte[]</c>, stream and image values of unspecified form are treated as raw samples.</summary>
    Unspecified,

    /// <summary>A raw sample: face image, video, fingerprint image, voice recording.</summary>
    RawSample,

    /// <summary>An extracted feature template that cannot be turned back into the sample.</summary>
    Template,
}
